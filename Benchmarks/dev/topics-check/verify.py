"""Checks the check set with the development set's checks (../topics/verify.py): at least 90 paragraphs, no
headings file. Usage, from this folder: python3 verify.py SOURCE_DIR"""
import os, runpy

os.environ.setdefault("MIN_PARAGRAPHS", "90")
runpy.run_path(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "topics", "verify.py"), run_name="__main__")
