"""The hostile-input corpus (issue 16 §2): a deterministic generator and a subprocess runner."""
