#!/usr/bin/env python3
"""Resolves podman's seccomp profile into the OCI linux.seccomp object podman puts into a default
container's config.json on x86_64, the way containers/common pkg/seccomp setupSeccomp() does:

- architectures: the archMap entry of the native architecture (SCMP_ARCH_X86_64) and its
  subArchitectures;
- a syscalls[] entry is dropped when includes.arches does not contain the Go name of the native
  architecture ("amd64"), when excludes.arches does, when includes.caps holds a capability the
  container's bounding set lacks, or when excludes.caps holds one it has;
- the rest keep names, action, errnoRet and args (comment, errno and includes/excludes go).

Run:  python3 resolve-podman-profile.py /usr/share/containers/seccomp.json > default-profile.json
"""
import json
import sys

ARCH = "amd64"
SECCOMP_ARCH = "SCMP_ARCH_X86_64"
# podman's default capabilities (containers.conf default_capabilities), the container's bounding set.
CAPS = {"CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_FOWNER", "CAP_FSETID", "CAP_KILL", "CAP_NET_BIND_SERVICE",
        "CAP_SETFCAP", "CAP_SETGID", "CAP_SETPCAP", "CAP_SETUID", "CAP_SYS_CHROOT"}


def applies(rule):
    includes, excludes = rule.get("includes") or {}, rule.get("excludes") or {}
    if ARCH in (excludes.get("arches") or []):
        return False
    if any(cap in CAPS for cap in excludes.get("caps") or []):
        return False
    if includes.get("arches") and ARCH not in includes["arches"]:
        return False
    return all(cap in CAPS for cap in includes.get("caps") or [])


def oci_rule(rule):
    out = {"names": rule["names"], "action": rule["action"]}
    if rule.get("errnoRet") is not None:
        out["errnoRet"] = rule["errnoRet"]
    if rule.get("args"):
        # runtime-spec's LinuxSeccompArg: valueTwo is omitempty.
        out["args"] = [{k: v for k, v in arg.items() if k != "valueTwo" or v} for arg in rule["args"]]
    return out


def main(path):
    with open(path) as f:
        profile = json.load(f)
    architectures = []
    for entry in profile.get("archMap") or []:
        if entry["architecture"] == SECCOMP_ARCH:
            architectures = [entry["architecture"]] + entry.get("subArchitectures", [])
    seccomp = {"defaultAction": profile["defaultAction"]}
    if profile.get("defaultErrnoRet") is not None:
        seccomp["defaultErrnoRet"] = profile["defaultErrnoRet"]
    seccomp["architectures"] = architectures
    seccomp["syscalls"] = [oci_rule(rule) for rule in profile["syscalls"] if applies(rule)]
    json.dump(seccomp, sys.stdout, indent=2)
    sys.stdout.write("\n")


main(sys.argv[1])
