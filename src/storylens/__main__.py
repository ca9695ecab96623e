"""`python -m storylens` runs the CLI."""

from storylens.cli import main

main()
