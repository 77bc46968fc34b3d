import sys

from plandiff.cli import main

sys.exit(main())
