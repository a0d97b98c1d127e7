"""Checks the check set with the development set's checks (../entities/verify.py): at least 40 paragraphs."""
import os, runpy

HERE = os.path.dirname(os.path.abspath(__file__))
os.environ["SET_DIR"] = HERE
os.environ.setdefault("MIN_PARAGRAPHS", "40")
runpy.run_path(os.path.join(HERE, "..", "entities", "verify.py"), run_name="__main__")
