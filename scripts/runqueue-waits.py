#!/usr/bin/env python3
"""How long threads waited for a CPU while they could run, from a scheduler trace.

Record the trace around `collider bench dispatch` (root, or perf_event_paranoid ≤ 1):

    perf record -a -e sched:sched_switch -e sched:sched_wakeup -o sched.data -- sleep 9
    python3 scripts/runqueue-waits.py sched.data [--min-waits 200]

A thread waits from its wake-up, or from being switched out still runnable, until it is switched
in. For each thread with at least --min-waits waits, prints how many exceeded 1, 2 and 3 ms, the
longest, and which threads the CPU was taken from when a wait over 1 ms ended (":R" — switched
out while still runnable, ":S" — it went to sleep). docs/benchmarks.md uses it to find what a
dispatch waits behind on a two-core machine.
"""
import argparse
import collections
import re
import subprocess

EVENT = re.compile(r"\s*(\d+)\s+\[(\d+)\]\s+([\d.]+):\s+(\S+):\s*(.*)")
WAKEUP = re.compile(r"comm=(.*) pid=(\d+) .*target_cpu=(\d+)")
SWITCH = re.compile(r"prev_comm=(.*) prev_pid=(\d+) prev_prio=\d+ prev_state=(\S+) ==> next_comm=(.*) next_pid=(\d+)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("data", help="perf.data with sched:sched_switch and sched:sched_wakeup")
    parser.add_argument("--min-waits", type=int, default=200, help="leave out threads that waited fewer times")
    arguments = parser.parse_args()

    script = subprocess.run(
        ["perf", "script", "-i", arguments.data, "-F", "tid,cpu,time,event,trace"],
        capture_output=True, text=True, check=True).stdout
    names: dict[str, str] = {}
    runnable: dict[str, float] = {}
    waits: dict[str, list[tuple[float, str]]] = collections.defaultdict(list)
    for line in script.splitlines():
        match = EVENT.match(line)
        if not match:
            continue
        _, _, time, event, trace = match.groups()
        time = float(time)
        if event == "sched:sched_wakeup":
            woken = WAKEUP.search(trace)
            if woken:
                names[woken.group(2)] = woken.group(1)
                runnable[woken.group(2)] = time
        elif event == "sched:sched_switch":
            switch = SWITCH.search(trace)
            if not switch:
                continue
            previous, state, following = switch.group(2), switch.group(3), switch.group(5)
            names[previous], names[following] = switch.group(1), switch.group(4)
            # A thread woken while still on its CPU did not wait: its switch-out ends that.
            runnable.pop(previous, None)
            if state.startswith("R"):
                runnable[previous] = time
            if following in runnable:
                waits[following].append((time - runnable.pop(following), f"{names[previous]}/{previous}:{state[:1]}"))

    for tid, waited in sorted(waits.items(), key=lambda item: -len(item[1])):
        if tid == "0" or len(waited) < arguments.min_waits:
            continue
        over = [sum(1 for seconds, _ in waited if seconds > limit / 1000) for limit in (1, 2, 3)]
        longest = max(seconds for seconds, _ in waited) * 1000
        behind = collections.Counter(taken for seconds, taken in waited if seconds > 0.001).most_common(4)
        print(f"{names.get(tid, '?')}/{tid}: {len(waited)} waits; over 1 ms {over[0]}, 2 ms {over[1]}, "
              f"3 ms {over[2]}; longest {longest:.1f} ms")
        print("    behind: " + ", ".join(f"{taken} ×{count}" for taken, count in behind))


if __name__ == "__main__":
    main()
