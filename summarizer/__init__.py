"""Sentences -> token-bounded chunks -> batched generation -> Summary with provenance."""
