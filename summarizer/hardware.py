"""What the CPU can do, read without importing torch."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=1)
def cpu_flags() -> frozenset[str]:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("flags"):
                    return frozenset(line.split(":", 1)[1].split())
    except OSError:
        pass
    return frozenset()


def has_fast_bf16() -> bool:
    """True on CPUs with AMX or AVX512-BF16; elsewhere bf16 is ~10x slower than fp32."""
    flags = cpu_flags()
    return bool({"amx_bf16", "avx512_bf16"} & flags)


def cpu_summary() -> str:
    flags = cpu_flags()
    feats = [f for f in ("avx2", "avx512f", "avx512_bf16", "amx_bf16", "amx_int8") if f in flags]
    return ", ".join(feats) or "no vector extensions reported"
