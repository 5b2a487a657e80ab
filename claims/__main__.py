"""`python -m claims COMMAND`: the commands are fixtures/cli's."""
import sys

from fixtures.cli import main

if __name__ == "__main__":
    sys.exit(main())
