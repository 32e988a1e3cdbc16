#!/usr/bin/env python3
"""Checks toolshift gate's JUnit XML against the shape CI systems read (the Jenkins/Ant
junit schema that GitHub, GitLab and Jenkins reporters accept): testsuites > testsuite >
testcase, counts that match, failures with a message. Runs real gates to get the files.
Usage: validate_junit.py TOOLSHIFT SCRATCH_DIR"""
import shutil, subprocess, sys, os
import xml.etree.ElementTree as ET

toolshift, scratch = sys.argv[1], sys.argv[2]
os.makedirs(scratch, exist_ok=True)
def run(*args):
    return subprocess.run([toolshift, *args], capture_output=True, text=True)

for model, name in (("reference:oracle", "oracle"), ("reference:noisy:0.3", "noisy")):
    r = run("run", "-q", "--model", model, "--suite", "single-id", "--out", f"{scratch}/{name}.json")
    assert r.returncode == 0, r.stderr

expectations = {"noisy": 1, "oracle": 0}
for name, code in expectations.items():
    xml_path = f"{scratch}/{name}.xml"
    r = run("gate", f"{scratch}/{name}.json", "--baseline", f"{scratch}/oracle.json",
            "--min", "totals.accuracy=0.9", "--junit", xml_path)
    assert r.returncode == code, (name, r.returncode, r.stdout, r.stderr)
    root = ET.parse(xml_path).getroot()
    assert root.tag == "testsuites", root.tag
    suites = root.findall("testsuite")
    assert len(suites) == 1
    suite = suites[0]
    for attr in ("name", "tests", "failures", "errors"):
        assert attr in suite.attrib, attr
    cases = suite.findall("testcase")
    assert int(suite.get("tests")) == len(cases) == int(root.get("tests")), (suite.attrib, len(cases))
    failed = [c for c in cases if c.find("failure") is not None]
    assert int(suite.get("failures")) == len(failed) == int(root.get("failures"))
    for c in cases:
        assert c.get("name") and c.get("classname"), c.attrib
        for child in c:
            assert child.tag in ("failure", "error", "skipped", "system-out", "system-err"), child.tag
        f = c.find("failure")
        if f is not None:
            assert f.get("message") and f.get("type"), f.attrib
    assert (len(failed) > 0) == (code == 1), (name, len(failed))

# Hostile bytes in the report's path (it names the testsuite): invalid UTF-8, U+FFFE, a C0 control
# character, backticks. expat, an independent parser, refuses any byte sequence XML 1.0 forbids.
evil = os.path.join(os.fsencode(scratch), b"evil-\xff\xfe-\xef\xbf\xbe-\x01-\x1b-`x`.json")
shutil.copy(f"{scratch}/oracle.json", evil)
xml_path = f"{scratch}/evil.xml"
r = subprocess.run([toolshift, b"gate", evil, b"--min", b"totals.accuracy=0.5", b"--junit", xml_path],
                   capture_output=True)
assert r.returncode == 0, (r.returncode, r.stderr)
root = ET.parse(xml_path).getroot()
name = root.find("testsuite").get("name")
assert "\ufffd" in name and "\ufffe" not in name and "\x01" not in name and "\x1b" not in name, ascii(name)
assert name.endswith("-`x`.json"), ascii(name)
print("junit ok")
