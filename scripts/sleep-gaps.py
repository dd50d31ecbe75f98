#!/usr/bin/env python3
"""How late a sleeping thread wakes on this machine, with nothing of collider running.

Sleeps 0.5 ms in a loop for SECONDS (default 20) and prints how many wake-ups came more than
3 ms after the previous one, and the ten longest gaps. On an idle host every gap is about 0.6 ms;
longer ones are time the thread's CPU was given to something else (another process, the
hypervisor). docs/benchmarks.md uses it to tell the machine's own stalls from collider's.

    python3 scripts/sleep-gaps.py [SECONDS]
"""
import sys
import time


def main() -> None:
    seconds = float(sys.argv[1]) if len(sys.argv) > 1 else 20.0
    end = time.monotonic() + seconds
    previous = time.monotonic()
    wakeups, gaps = 0, []
    while previous < end:
        time.sleep(0.0005)
        now = time.monotonic()
        gap = (now - previous) * 1000
        previous = now
        wakeups += 1
        if gap > 3:
            gaps.append(gap)
    longest = ", ".join(f"{gap:.1f}" for gap in sorted(gaps)[-10:])
    print(f"{wakeups} wake-ups in {seconds:g} s; {len(gaps)} gaps over 3 ms; longest (ms): {longest or 'none'}")


if __name__ == "__main__":
    main()
