"""Atlas API simulator: a local, stateful stand-in for the Atlas Administration API v2.

In-process use: ``create_app()`` (a WSGI app) or ``SimulatorServer`` (serves it on a free port).
Command line: ``python -m atlas_simulator``. See docs/simulator.md.
"""

from .app import create_app
from .server import SimulatorServer

__all__ = ["create_app", "SimulatorServer"]
