"""Every `plandiff` command, one module per command or small family; cli.py only gathers them.

Each module keeps its imports light (click and the stdlib) at load time. A
command in trouble raises `common.Trouble`; `plandiff.cli.main` prints it.
"""
