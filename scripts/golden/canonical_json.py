#!/usr/bin/env python3
"""Golden digest for Tests/ColliderCoreTests/CanonicalJSONTests.swift.

collider's canonical JSON is sorted keys and no whitespace, i.e. what this prints.
"""
import hashlib
import json

value = {"b": [1, 2.5, "x/y"], "a": {"z": True, "m": None}}
text = json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
print(text)
print(hashlib.sha256(text.encode()).hexdigest())
