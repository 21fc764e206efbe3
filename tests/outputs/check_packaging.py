#!/usr/bin/env python3
"""Checks packaging/: the systemd units pass `systemd-analyze verify` with no warning (with the
binary path pointed at an executable that exists here), keep the settings SPEC and issue 5 ask
for (weekly, Persistent, SuccessExitStatus=1, LoadCredential, hardening), and reach an
exposure score of at most 3.0 in `systemd-analyze security`; the Windows task parses and runs
weekly with StartWhenAvailable.

Usage: check_packaging.py PACKAGING_DIR    (exit 77 = skipped: no systemd-analyze)"""
import os
import re
import shutil
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SERVICE_NEEDS = ["Type=oneshot", "SuccessExitStatus=1", "LoadCredential=smb:",
                 "ProtectSystem=strict", "ReadOnlyPaths=", "NoNewPrivileges=yes",
                 "PrivateTmp=yes", "StateDirectory=datasweep datasweep/reports", "UMask=0077"]
TIMER_NEEDS = ["OnCalendar=Sat", "Persistent=true", "WantedBy=timers.target"]


def settings(path):
    return [line.strip() for line in open(path, encoding="utf-8")
            if line.strip() and not line.lstrip().startswith("#")]


def main():
    packaging = sys.argv[1]
    failures = []
    service = os.path.join(packaging, "systemd", "datasweep-sweep.service")
    timer = os.path.join(packaging, "systemd", "datasweep-sweep.timer")
    service_lines, timer_lines = settings(service), settings(timer)
    for need in SERVICE_NEEDS:
        if not any(line.startswith(need) for line in service_lines):
            failures.append(f"service lacks {need}")
    for need in TIMER_NEEDS:
        if not any(line.startswith(need) for line in timer_lines):
            failures.append(f"timer lacks {need}")
    text = open(service, encoding="utf-8").read()
    if "--format jsonl" not in text or "report" not in text:
        failures.append("the service does not scan to JSON Lines and render a report")

    task = ET.parse(os.path.join(packaging, "windows", "datasweep-task.xml")).getroot()
    ns = {"t": "http://schemas.microsoft.com/windows/2004/02/mit/task"}
    if task.find(".//t:ScheduleByWeek/t:DaysOfWeek", ns) is None:
        failures.append("the Windows task is not weekly")
    if task.findtext(".//t:Settings/t:StartWhenAvailable", namespaces=ns) != "true":
        failures.append("the Windows task lacks StartWhenAvailable")
    if not task.findall(".//t:Exec/t:Command", ns):
        failures.append("the Windows task runs nothing")

    analyze = shutil.which("systemd-analyze")
    if not analyze:
        for f in failures:
            print("FAIL:", f)
        print("SKIP: systemd-analyze is not installed")
        return 1 if failures else 77
    with tempfile.TemporaryDirectory() as tmp:
        # verify insists that ExecStart's binary exists: point it at one that does.
        for src in (service, timer):
            body = open(src, encoding="utf-8").read().replace("/usr/bin/datasweep", "/bin/true")
            open(os.path.join(tmp, os.path.basename(src)), "w", encoding="utf-8").write(body)
        units = [os.path.join(tmp, os.path.basename(p)) for p in (timer, service)]
        proc = subprocess.run([analyze, "verify", "--man=no", "--generators=no", *units],
                              capture_output=True, text=True, timeout=120)
        if proc.returncode != 0 or proc.stderr.strip():
            failures.append(f"systemd-analyze verify: {proc.returncode} {proc.stderr.strip()}")
        proc = subprocess.run([analyze, "security", "--offline=true", units[1]],
                              capture_output=True, text=True, timeout=120)
        match = re.search(r"Overall exposure level for \S+: ([0-9.]+)", proc.stdout)
        if not match:
            failures.append(f"no exposure score: {proc.stdout[-300:]} {proc.stderr[-300:]}")
        else:
            print(f"systemd-analyze security exposure: {match.group(1)}")
            if float(match.group(1)) > 3.0:
                failures.append(f"exposure {match.group(1)} is above 3.0")
        proc = subprocess.run([analyze, "calendar", "Sat *-*-* 20:00:00 Europe/London"],
                              capture_output=True, text=True, timeout=60)
        if proc.returncode != 0:
            failures.append(f"OnCalendar does not parse: {proc.stderr}")

    for f in failures:
        print("FAIL:", f)
    print(f"{len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
