"""`python -m storylens.cli` runs the CLI (as `python -m storylens` does)."""

from storylens.cli import main

main()
