"""Summarise locust's CSV for `make loadtest`: requests per second, p50/p95/p99 per endpoint, errors,
and the targets (no errors; wizard pages p95 < 150 ms; cached PDF downloads < 50 ms), all while first
renders run beside the pages (how many printed, how many were asked to retry)."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

WIZARD_PAGES = ("step page", "step save", "review")
CACHED_DOWNLOAD = ("generate (cache hit)", "download pdf")
RENDERS = ("generate (first render)", "generate (busy, retry)")
RENDER_WAIT = "first render: click to file"
WIZARD_P95_MS = 150
CACHED_P95_MS = 50


def read(prefix: str) -> list[dict]:
    with open(f"{prefix}_stats.csv", newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def ms(row: dict, column: str) -> float:
    value = row.get(column) or "0"
    return float(value) if value != "N/A" else 0.0


def table(rows: list[dict]) -> str:
    lines = [f"{'endpoint':<26}{'requests':>9}{'errors':>8}{'req/s':>8}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}"]
    for row in rows:
        lines.append(
            f"{row['Name']:<26}{row['Request Count']:>9}{row['Failure Count']:>8}"
            f"{float(row['Requests/s']):>8.1f}{ms(row, '50%'):>9.0f}{ms(row, '95%'):>9.0f}{ms(row, '99%'):>9.0f}"
        )
    return "\n".join(lines)


def verdicts(by_name: dict[str, dict], total: dict) -> list[str]:
    results = [("no errors", int(total["Failure Count"]) == 0, f"{total['Failure Count']} errors")]
    for name in WIZARD_PAGES:
        if name in by_name:
            p95 = ms(by_name[name], "95%")
            results.append((f"{name} p95 < {WIZARD_P95_MS} ms", p95 < WIZARD_P95_MS, f"{p95:.0f} ms"))
    for name in CACHED_DOWNLOAD:
        if name in by_name:
            p95 = ms(by_name[name], "95%")
            results.append((f"{name} p95 < {CACHED_P95_MS} ms", p95 < CACHED_P95_MS, f"{p95:.0f} ms"))
    lines = [f"  {'met    ' if ok else 'MISSED '} {label}: {figure}" for label, ok, figure in results]
    printed, busy = (int(by_name[name]["Request Count"]) if name in by_name else 0 for name in RENDERS)
    lines.append(f"  (alongside: {printed} first renders printed, {busy} asked to retry because every slot was taken)")
    return lines


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] if ordered else 0.0


def read_log(request_log: str) -> list[tuple[float, str, float]]:
    """(seconds since the start, name, milliseconds) of every request, and of every render waited for."""
    with open(request_log, newline="", encoding="utf-8") as handle:
        return [(float(at), name, float(elapsed)) for at, name, elapsed, _failed in csv.reader(handle)]


def while_rendering(rows: list[tuple[float, str, float]]) -> list[str]:
    """The wizard pages served while at least one render was under way (from a buyer's click on Download to
    the file), against the target, and the pages served while none was."""
    renders = sorted((at, at + elapsed / 1000) for at, name, elapsed in rows if name == RENDER_WAIT)

    def during_a_render(at: float, elapsed: float) -> bool:
        end = at + elapsed / 1000
        return any(start < end and at < stop for start, stop in renders)

    pages = [(at, elapsed) for at, name, elapsed in rows if name in WIZARD_PAGES]
    busy = [elapsed for at, elapsed in pages if during_a_render(at, elapsed)]
    quiet = [elapsed for at, elapsed in pages if not during_a_render(at, elapsed)]
    if not renders or not busy:
        return ["  MISSED  wizard pages while renders run: no render ran during the test"]
    p95 = percentile(busy, 0.95)
    lines = [
        f"  {'met    ' if p95 < WIZARD_P95_MS else 'MISSED '} wizard pages while renders run p95 < {WIZARD_P95_MS} ms: "
        f"{p95:.0f} ms (p50 {percentile(busy, 0.5):.0f} ms, {len(busy)} pages during {len(renders)} renders)"
    ]
    if quiet:
        lines.append(
            f"          (with no render running: p95 {percentile(quiet, 0.95):.0f} ms, p50 "
            f"{percentile(quiet, 0.5):.0f} ms, {len(quiet)} pages)"
        )
    return lines


def timeline(rows: list[tuple[float, str, float]], step: int = 10) -> str:
    """Wizard pages' p50/p95 and the request rate per `step` seconds of the run (where the tail comes from)."""
    if not rows:
        return ""
    lines = [f"{'seconds':<10}{'req/s':>7}{'wizard p50':>12}{'wizard p95':>12}{'renders':>9}{'retry':>7}"]
    for start in range(0, int(max(at for at, _, _ in rows)) + 1, step):
        window = [(name, elapsed) for at, name, elapsed in rows if start <= at < start + step]
        wizard = [elapsed for name, elapsed in window if name in WIZARD_PAGES]
        printed, busy = (sum(1 for name, _ in window if name == render) for render in RENDERS)
        lines.append(
            f"{start:>3}-{start + step:<6}{len(window) / step:>7.1f}"
            f"{percentile(wizard, 0.5):>12.0f}{percentile(wizard, 0.95):>12.0f}{printed:>9}{busy:>7}"
        )
    return "\n".join(lines)


def main(prefix: str, request_log: str | None = None) -> None:
    rows = read(prefix)
    total = next(r for r in rows if r["Name"] == "Aggregated")
    endpoints = [r for r in rows if r["Name"] != "Aggregated"]
    print(table(endpoints + [total]))
    print(
        f"\n{float(total['Requests/s']):.1f} requests per second, {total['Failure Count']} errors "
        f"of {total['Request Count']} requests"
    )
    failures = Path(f"{prefix}_failures.csv")
    if failures.exists() and int(total["Failure Count"]):
        print(failures.read_text(encoding="utf-8"))
    log = read_log(request_log) if request_log and Path(request_log).exists() else []
    print("targets:")
    if log:
        print("\n".join(while_rendering(log)))
    print("\n".join(verdicts({r["Name"]: r for r in endpoints}, total)))
    if log:
        print("\nover the run (wizard pages: step page, step save, review; milliseconds; renders started):")
        print(timeline(log))


if __name__ == "__main__":
    main(*sys.argv[1:3])
