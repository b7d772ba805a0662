#!/usr/bin/env python3
"""The console examples of README.md and docs/*.md, run and compared with what trustgraph prints.

    TRUSTGRAPH=.build/release/trustgraph python3 Tests/Docs/check_examples.py [FILE.md ...]

TRUSTGRAPH names the binary to run (default: .build/release/trustgraph, from
`swift build -c release`; a relative path is taken from the repository root).
With no FILE, every ```console block of README.md and docs/*.md is checked.
Exit status: 0 when every checked example matches, 1 on any mismatch, 2 when
the binary or a marker is wrong. Standard library only; no network.

An example is a fenced ```console block. A line `$ COMMAND` is a command (a
trailing backslash continues it on the next line); the lines after it, up to
the next command, are what it prints (standard output and standard error
together, as a terminal shows them). A command followed by no line prints
nothing.

How the commands run:

- The blocks of one file run in order in one sandbox: a fresh copy of the
  repository (without .git, .build, bench-data/, and with out/ empty, as
  `make demo` leaves it before writing its map). Files a command writes
  (`-o out/report.html`, `--render maps`, `cp -r …`) land in the copy, never
  in the repository, and later blocks of the same page see them, as a reader
  following the page would.
- `/tmp/…` in a command is a directory of the sandbox; it is printed back as
  `/tmp/…`.
- All commands of a block run in one bash, from the root of the copy, with
  `trustgraph` on PATH as TRUSTGRAPH: `cd`, variables and `$?` carry over
  from one command to the next. Standard input is empty; TZ=UTC,
  LC_ALL=C.UTF-8; nothing is a terminal.

How output is compared (anything else must match exactly):

- Trailing spaces of each line, trailing empty lines and a byte-order mark at
  the start of a line are ignored (the docs say in words when an output
  starts with one).
- A line that is only `…` stands for any number of printed lines, none
  included.
- A line ending in `…` that is not printed as it is stands for a printed line
  that starts with the text before the `…` (a line cut short).
- A command killed by a signal, or running longer than 60 seconds, is a
  mismatch whatever it printed.

Markers: HTML comments on the lines just before a block's opening fence
(blank lines between are allowed; any other text drops them):

    <!-- example: not checked (REASON) -->
        The block is not run; the run lists it as skipped with REASON. For
        output that varies (timings, memory limits), commands that build or
        install, and data that is not in the repository.
    <!-- example: setup COMMANDS -->
        Shell commands run in the sandbox before the block, their output not
        compared: for files the page describes but does not ship.
    <!-- example: file PATH -->
        Before a fenced block of any language: that block's text is written
        to PATH in the sandbox (a YAML file the page shows, then runs).
    <!-- example: file PATH
    LINES
    -->
        LINES are written to PATH in the sandbox.

Any other `<!-- example:` comment is an error, so a misspelt marker cannot
skip a block unseen.
"""

import difflib
import glob
import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_BINARY = ".build/release/trustgraph"
BLOCK_TIMEOUT = 60
ELLIPSIS = "\u2026"
FENCE = re.compile(r"^( *)(`{3,}|~{3,})\s*([^`\s]*)")
MARKER_START = "<!-- example:"
COPY_IGNORE = shutil.ignore_patterns(".git", ".build", ".build-*", ".build_*", ".swiftpm",
                                     "__pycache__", "out", "bench-data", ".corpus", "findings")


class MarkerError(Exception):
    pass


@dataclass
class Marker:
    kind: str          # "skip", "setup", "file"
    text: str          # reason, commands, or path
    body: str = None   # inline content of a file marker
    line: int = 0


@dataclass
class Command:
    text: str
    expected: list = field(default_factory=list)


@dataclass
class Block:
    path: str
    line: int          # line of the opening fence, 1-based
    lang: str
    text: list         # lines between the fences
    markers: list

    def commands(self):
        commands, pending = [], None
        for line in self.text:
            if pending is not None:
                pending.append(line)
                if not line.endswith("\\"):
                    commands.append(Command("\n".join(pending)))
                    pending = None
            elif line.startswith("$ "):
                if line.endswith("\\"):
                    pending = [line[2:]]
                else:
                    commands.append(Command(line[2:]))
            elif commands:
                commands[-1].expected.append(line)
            elif line.strip():
                raise MarkerError(f"{self.path}:{self.line}: console block starts with output, not a '$ ' command")
        if pending is not None:
            commands.append(Command("\n".join(pending)))
        return commands


def parse_marker(text, path, line):
    body = text[len(MARKER_START):]
    if not body.endswith("-->"):
        raise MarkerError(f"{path}:{line}: example marker not closed with -->")
    body = body[:-3]
    head, _, rest = body.partition("\n")
    head = head.strip()
    if head.startswith("not checked"):
        m = re.fullmatch(r"not checked \((.+)\)", head)
        if not m or rest.strip():
            raise MarkerError(f"{path}:{line}: write 'not checked (REASON)' on one line")
        return Marker("skip", m.group(1), line=line)
    if head.startswith("setup "):
        return Marker("setup", (head[len("setup "):] + "\n" + rest).strip(), line=line)
    if head.startswith("file "):
        target = head[len("file "):].strip()
        if not target or " " in target or target.startswith("/") or ".." in target.split("/"):
            raise MarkerError(f"{path}:{line}: 'file' needs one relative path inside the repository")
        return Marker("file", target, body=rest if rest.strip() else None, line=line)
    raise MarkerError(f"{path}:{line}: unknown example marker {head!r} "
                      "(expected 'not checked (REASON)', 'setup COMMANDS' or 'file PATH')")


def read_blocks(path):
    """Every fenced block of a Markdown file with the markers just before it."""
    rel = os.path.relpath(path, ROOT)
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    blocks, pending, i = [], [], 0
    while i < len(lines):
        line = lines[i]
        stripped = line.strip()
        if stripped.startswith(MARKER_START):
            start = i
            text = stripped
            while not text.endswith("-->"):
                i += 1
                if i >= len(lines):
                    raise MarkerError(f"{rel}:{start + 1}: example marker not closed with -->")
                text += "\n" + lines[i].rstrip()
            pending.append(parse_marker(text, rel, start + 1))
            i += 1
            continue
        fence = FENCE.match(line)
        if fence:
            indent, mark, lang = len(fence.group(1)), fence.group(2), fence.group(3)
            start, body = i, []
            i += 1
            closing = re.compile(r" *" + re.escape(mark[0]) + "{" + str(len(mark)) + r",}\s*$")
            while i < len(lines) and not closing.match(lines[i]):
                line = lines[i]
                body.append(line[min(indent, len(line) - len(line.lstrip(" "))):])
                i += 1
            blocks.append(Block(rel, start + 1, lang, body, pending))
            pending = []
            i += 1
            continue
        if stripped:
            for marker in pending:
                raise MarkerError(f"{rel}:{marker.line}: example marker is not followed by a fenced block")
            pending = []
        i += 1
    if pending:
        raise MarkerError(f"{rel}:{pending[0].line}: example marker is not followed by a fenced block")
    return blocks


# Comparison -----------------------------------------------------------------

def normalise(lines):
    out = [line.rstrip() for line in lines]
    while out and not out[-1]:
        out.pop()
    return out


def is_gap(line):
    return line.strip() == ELLIPSIS


def line_matches(expected, actual):
    if expected == actual:
        return True
    return expected.endswith(ELLIPSIS) and actual.startswith(expected[:-1].rstrip())


def align(expected, actual):
    """How `actual` best fits `expected`: (edits, shown); 0 edits is a match.

    The alignment matches as many printed lines as it can, then needs the
    fewest lines added or dropped. `shown` is `actual` rewritten on the
    expected's terms (lines a gap covers shown as the gap, cut lines as the
    doc cuts them), so a diff of expected against shown lists only what
    really differs.
    """
    n, m = len(expected), len(actual)
    worst = (float("inf"), float("inf"))
    # cost[i][j] = (-matched lines, edits) for expected[i:] against actual[j:]
    cost = [[worst] * (m + 1) for _ in range(n + 1)]
    cost[n][m] = (0, 0)
    for j in range(m - 1, -1, -1):
        cost[n][j] = (0, cost[n][j + 1][1] + 1)

    def plus(c, matched, edits):
        return (c[0] - matched, c[1] + edits)

    for i in range(n - 1, -1, -1):
        e = expected[i]
        gap = is_gap(e)
        row, below = cost[i], cost[i + 1]
        for j in range(m, -1, -1):
            best = below[j] if gap else plus(below[j], 0, 1)          # gap covers nothing / line not printed
            if j < m:
                if gap:
                    best = min(best, row[j + 1])                      # gap covers actual[j]
                elif line_matches(e, actual[j]):
                    best = min(best, plus(below[j + 1], 1, 0))
                best = min(best, plus(row[j + 1], 0, 1))              # actual[j] not documented
            row[j] = best
    shown, i, j = [], 0, 0
    while i < n or j < m:
        here = cost[i][j]
        if i < n and is_gap(expected[i]):
            if j < m and cost[i][j + 1] == here:
                j += 1
                continue
            if cost[i + 1][j] == here:
                shown.append(expected[i])
                i += 1
                continue
        elif i < n and j < m and line_matches(expected[i], actual[j]) and plus(cost[i + 1][j + 1], 1, 0) == here:
            shown.append(expected[i])
            i, j = i + 1, j + 1
            continue
        if j < m and plus(cost[i][j + 1], 0, 1) == here:
            shown.append(actual[j])
            j += 1
            continue
        i += 1                                                        # expected[i] not printed
    return cost[0][0][1], shown


# Running ------------------------------------------------------------------

class Sandbox:
    def __init__(self, binary):
        self.dir = tempfile.mkdtemp(prefix="trustgraph-docs-")
        self.root = os.path.join(self.dir, "repo")
        self.tmp = os.path.join(self.dir, "tmp")
        self.bin = os.path.join(self.dir, "bin")
        shutil.copytree(ROOT, self.root, ignore=COPY_IGNORE, symlinks=True)
        os.makedirs(os.path.join(self.root, "out"))
        os.makedirs(self.tmp)
        os.makedirs(self.bin)
        os.symlink(binary, os.path.join(self.bin, "trustgraph"))
        self.env = {
            "PATH": self.bin + os.pathsep + "/usr/local/bin:/usr/bin:/bin",
            "HOME": self.dir,
            "TMPDIR": self.tmp,
            "TZ": "UTC",
            "LC_ALL": "C.UTF-8",
            "LANG": "C.UTF-8",
            "TERM": "dumb",
        }

    def close(self):
        shutil.rmtree(self.dir, ignore_errors=True)

    def in_sandbox(self, command):
        return re.sub(r"(?<![\w./~-])/tmp(?=/|\b)", self.tmp, command)

    def from_sandbox(self, text):
        return text.replace(self.tmp, "/tmp")

    def write_file(self, target, lines):
        dest = os.path.join(self.root, target)
        os.makedirs(os.path.dirname(dest), exist_ok=True)
        with open(dest, "w", encoding="utf-8") as f:
            f.write("\n".join(lines).rstrip("\n") + "\n")

    def run(self, script, timeout):
        """Runs a bash script from the sandbox's root; (timed_out, output of the script itself)."""
        proc = subprocess.Popen(["bash", "--noprofile", "--norc", "-c", script], cwd=self.root, env=self.env,
                                stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                start_new_session=True)
        try:
            out, _ = proc.communicate(timeout=timeout)
            return False, out.decode("utf-8", "replace")
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            return True, ""

    def run_commands(self, commands, timeout):
        """Runs commands in one bash; for each, (output, exit status or None if it never ended)."""
        work = tempfile.mkdtemp(prefix="block-", dir=self.dir)
        parts = ["__rc=0"]
        for k, command in enumerate(commands):
            out = os.path.join(work, f"{k}.out")
            rc = os.path.join(work, f"{k}.rc")
            parts.append("{ (exit $__rc)\n" + self.in_sandbox(command.text) + "\n} > '" + out + "' 2>&1 < /dev/null; "
                         "__rc=$?; echo $__rc > '" + rc + "'")
        timed_out, _ = self.run("\n".join(parts) + "\n", timeout)
        results = []
        for k in range(len(commands)):
            try:
                with open(os.path.join(work, f"{k}.out"), "rb") as f:
                    output = f.read().decode("utf-8", "replace")
            except FileNotFoundError:
                output = ""
            try:
                with open(os.path.join(work, f"{k}.rc")) as f:
                    status = int(f.read().strip())
            except (FileNotFoundError, ValueError):
                status = None
            output = re.sub(r"(?m)^\ufeff", "", output)
            results.append((self.from_sandbox(output), status))
        shutil.rmtree(work, ignore_errors=True)
        return timed_out, results


def check_block(block, sandbox):
    """(status, detail): status is 'checked', 'skipped' or 'MISMATCH'."""
    for marker in block.markers:
        if marker.kind == "setup":
            timed_out, output = sandbox.run("set -e\n" + sandbox.in_sandbox(marker.text) + "\n", BLOCK_TIMEOUT)
            if timed_out or output.strip():
                return "MISMATCH", [f"  setup at line {marker.line} failed or printed: {output.strip() or 'timed out'}"]
    try:
        commands = block.commands()
    except MarkerError as error:
        return "MISMATCH", [f"  {error}"]
    if not commands:
        return "MISMATCH", ["  no '$ ' command in the block"]
    timed_out, results = sandbox.run_commands(commands, BLOCK_TIMEOUT)
    report = []
    for command, (output, status) in zip(commands, results):
        expected = normalise(command.expected)
        actual = normalise(output.split("\n"))
        problems = []
        if status is None:
            problems.append("  (timed out)" if timed_out else "  (did not run: the shell ended before it)")
        elif status >= 128:
            problems.append(f"  (killed by signal {status - 128}, exit status {status})")
        cost, shown = align(expected, actual)
        if cost or problems:
            report.append("  $ " + command.text.splitlines()[0] + (" …" if "\n" in command.text else ""))
            report.extend(problems)
            report.extend("  " + line for line in difflib.unified_diff(
                expected, shown, fromfile="documented", tofile="printed", lineterm="", n=2))
    return ("MISMATCH", report) if report else ("checked", [])


def main(argv):
    binary = os.environ.get("TRUSTGRAPH", DEFAULT_BINARY)
    binary = os.path.abspath(os.path.join(ROOT, binary))
    if not (os.path.isfile(binary) and os.access(binary, os.X_OK)):
        print(f"error: no trustgraph binary at {binary} (set TRUSTGRAPH, or run swift build -c release)",
              file=sys.stderr)
        return 2
    if argv:
        files = [os.path.abspath(a) for a in argv]
    else:
        files = [os.path.join(ROOT, "README.md")] + sorted(glob.glob(os.path.join(ROOT, "docs", "*.md")))
    started = time.monotonic()
    counts = {"checked": 0, "skipped": 0, "MISMATCH": 0}
    try:
        pages = [(path, read_blocks(path)) for path in files]
    except MarkerError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    for path, blocks in pages:
        sandbox = None
        try:
            for block in blocks:
                skip = next((m for m in block.markers if m.kind == "skip"), None)
                for marker in (m for m in block.markers if m.kind == "file"):
                    if sandbox is None:
                        sandbox = Sandbox(binary)
                    sandbox.write_file(marker.text, marker.body.split("\n") if marker.body is not None else block.text)
                if block.lang != "console":
                    continue
                where = f"{block.path}:{block.line}"
                if skip:
                    counts["skipped"] += 1
                    print(f"{where}: skipped ({skip.text})")
                    continue
                if sandbox is None:
                    sandbox = Sandbox(binary)
                status, detail = check_block(block, sandbox)
                counts[status] += 1
                print(f"{where}: {status}")
                for line in detail:
                    print(line)
        finally:
            if sandbox is not None:
                sandbox.close()
        sys.stdout.flush()
    elapsed = time.monotonic() - started
    print(f"{counts['checked']} checked, {counts['skipped']} skipped, {counts['MISMATCH']} mismatched "
          f"in {elapsed:.1f} s")
    return 1 if counts["MISMATCH"] else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
