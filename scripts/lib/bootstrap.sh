# Sourced by scripts/run and scripts/test: make sure the project's virtualenv exists and
# is installed from the current pyproject.toml, then set STINT_PYTHON_BIN to its python.
#
#   STINT_VENV=DIR          use this virtualenv instead of .venv at the repository root
#   STINT_SKIP_INSTALL=1    never create or install, only use the virtualenv as it is
#   STINT_BOOTSTRAP_PYTHON  the interpreter that creates the virtualenv (>= 3.11)

STINT_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
STINT_VENV="${STINT_VENV:-$STINT_ROOT/.venv}"
STINT_PYTHON_BIN="$STINT_VENV/bin/python"
# The stamp holds the hash of the pyproject.toml last installed, so a re-run only
# reinstalls when the dependencies may have changed.
STINT_STAMP="$STINT_VENV/.stint-installed"
STINT_EXTRAS="dev"

if [[ -t 2 && -z "${NO_COLOR:-}" ]]; then
    stint_say() { printf '\033[1mstint:\033[0m %s\n' "$*" >&2; }
    stint_die() { printf '\033[1;31mstint: %s\033[0m\n' "$*" >&2; exit 1; }
else
    stint_say() { printf 'stint: %s\n' "$*" >&2; }
    stint_die() { printf 'stint: %s\n' "$*" >&2; exit 1; }
fi

stint_python_ok() {
    "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null
}

stint_find_python() {
    local candidate
    for candidate in ${STINT_BOOTSTRAP_PYTHON:-} python3 python3.13 python3.12 python3.11; do
        if command -v "$candidate" >/dev/null 2>&1 && stint_python_ok "$candidate"; then
            command -v "$candidate"
            return 0
        fi
    done
    return 1
}

stint_pyproject_hash() {
    { cat "$STINT_ROOT/pyproject.toml"; echo "extras=$STINT_EXTRAS"; } | sha256sum | cut -d' ' -f1
}

stint_bootstrap() {
    if [[ "${STINT_SKIP_INSTALL:-}" == 1 ]]; then
        [[ -x "$STINT_PYTHON_BIN" ]] || stint_die "no virtualenv at $STINT_VENV (STINT_SKIP_INSTALL=1)"
        return 0
    fi
    if [[ ! -x "$STINT_PYTHON_BIN" ]]; then
        local python
        python="$(stint_find_python)" || stint_die "Stint needs Python >= 3.11 and found none \
(tried python3, python3.13, python3.12, python3.11). Install one (Debian: apt-get install \
python3 python3-venv) or name it with STINT_BOOTSTRAP_PYTHON=/path/to/python3."
        stint_say "creating the virtualenv $STINT_VENV with $python ($("$python" --version 2>&1))"
        "$python" -m venv "$STINT_VENV" || stint_die "could not create the virtualenv; \
on Debian install the venv module: apt-get install python3-venv"
    fi
    stint_python_ok "$STINT_PYTHON_BIN" || stint_die "$STINT_VENV has a Python older than \
3.11; remove it and run again"
    local wanted
    wanted="$(stint_pyproject_hash)"
    if [[ ! -f "$STINT_STAMP" || "$(cat "$STINT_STAMP")" != "$wanted" ]]; then
        stint_say "installing Stint and its dependencies into $STINT_VENV (first run or pyproject.toml changed)"
        "$STINT_PYTHON_BIN" -m pip install --disable-pip-version-check -e "$STINT_ROOT[$STINT_EXTRAS]" \
            || stint_die "pip install failed (see above)"
        echo "$wanted" > "$STINT_STAMP"
    fi
}
