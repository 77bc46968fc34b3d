"""Commands that live outside cli.py; each module keeps its imports light (click and the stdlib) at load time."""
