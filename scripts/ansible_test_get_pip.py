# Copyright: Contributors to the atlas_ops.admin collection
# GNU General Public License v3.0+ (see COPYING or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Put an offline stand-in for ansible-test's pip bootstrap script into its cache.

ansible-test bootstraps pip into each virtual environment it creates with a `get-pip.py` that it
downloads from ci-files.testing.ansible.com, a host this project's machines cannot reach. It looks in
its cache first (~/.ansible/test/cache/get_pip_<version>.py), so this script writes a small stand-in
there that installs the interpreter's bundled pip (ensurepip) and then the pip version ansible-test
asks for from the package index the machine's pip configuration names.

Run it with the Python that runs ansible-test (`make sanity` and `make integration` do):

    .venv/bin/python scripts/ansible_test_get_pip.py

A cached script that this tool did not write (a real get-pip.py) is left alone.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile

MARKER_PREFIX = "# atlas_ops.admin get-pip stand-in"
MARKER = MARKER_PREFIX + ", revision 2"

STANDIN = '''\
"""Offline stand-in for get-pip.py, written by atlas_ops.admin scripts/ansible_test_get_pip.py.

ansible-test runs it as `python get_pip.py [pip options] pip==X [--no-setuptools] [--no-wheel]`
inside a new, empty virtual environment.
"""
%(marker)s

import os
import subprocess
import sys


def main():
    # ensurepip sets PIP_CONFIG_FILE=/dev/null, which would hide the machine's pip configuration (index,
    # certificates) from the second step: keep an untouched copy of the environment for it.
    env = dict(os.environ)
    args = sys.argv[1:]
    no_setuptools = "--no-setuptools" in args
    no_wheel = "--no-wheel" in args
    pip_args = [arg for arg in args if arg not in ("--no-setuptools", "--no-wheel")]

    subprocess.check_call(
        [sys.executable, "-m", "ensurepip", "--default-pip"], env=dict(env), stdout=subprocess.DEVNULL,
    )
    subprocess.check_call([sys.executable, "-m", "pip", "install", "-q"] + pip_args, env=dict(env))

    # get-pip.py --no-setuptools / --no-wheel: leave out what ensurepip may have brought along.
    unwanted = [name for name, flag in (("setuptools", no_setuptools), ("wheel", no_wheel)) if flag]
    for name in unwanted:
        present = subprocess.call(
            [sys.executable, "-m", "pip", "show", "-q", name],
            env=dict(env), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        ) == 0
        if present:
            subprocess.check_call(
                [sys.executable, "-m", "pip", "uninstall", "-y", "-q", name], env=dict(env),
            )


if __name__ == "__main__":
    main()
''' % {"marker": MARKER}

# The pip version ansible-test bootstraps; read from the installed ansible-test when possible.
FALLBACK_PIP_VERSIONS = ("24.2",)


def ansible_test_pip_versions():
    """Return the pip versions the installed ansible-test bootstraps (fallback: known versions)."""
    versions = set()
    try:
        import ansible_test  # pylint: disable=import-outside-toplevel
    except ImportError:
        ansible_test = None
    if ansible_test is not None:
        source = os.path.join(os.path.dirname(ansible_test.__file__), "_internal", "python_requirements.py")
        try:
            with open(source, encoding="utf-8") as handle:
                text = handle.read()
        except OSError:
            text = ""
        versions.update(re.findall(r"""\bpip\s*=\s*['"]([0-9][0-9.]*)['"]""", text))
    return sorted(versions or FALLBACK_PIP_VERSIONS)


def main():
    """Write the stand-in for every pip version ansible-test may ask for."""
    cache_dir = os.path.expanduser("~/.ansible/test/cache")
    os.makedirs(cache_dir, exist_ok=True)
    for version in ansible_test_pip_versions():
        path = os.path.join(cache_dir, "get_pip_%s.py" % version.replace(".", "_"))
        if os.path.exists(path):
            with open(path, encoding="utf-8", errors="replace") as handle:
                current = handle.read()
            if current == STANDIN:
                continue
            if MARKER_PREFIX not in current:
                print("ansible-test pip bootstrap: keeping %s (not written by this script)" % path)
                continue
        fd, temp_path = tempfile.mkstemp(dir=cache_dir, prefix=".get_pip.", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(STANDIN)
        os.chmod(temp_path, 0o644)
        os.replace(temp_path, path)
        print("ansible-test pip bootstrap: wrote offline stand-in %s" % path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
