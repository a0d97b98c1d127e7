"""Builds the check set's paragraphs.jsonl from its annotations.txt with the development set's builder (../entities/build.py)."""
import os, runpy

HERE = os.path.dirname(os.path.abspath(__file__))
os.environ["SET_DIR"] = HERE
runpy.run_path(os.path.join(HERE, "..", "entities", "build.py"), run_name="__main__")
