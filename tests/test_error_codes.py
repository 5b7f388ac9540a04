"""The error codes are stable and unique, and errors.py lists them in code order."""

from __future__ import annotations

import inspect

from presslens import errors


def test_codes_are_unique_and_in_file_order() -> None:
    classes = [
        obj
        for obj in vars(errors).values()  # definition order
        if inspect.isclass(obj) and issubclass(obj, errors.PressLensError)
    ]
    codes = [cls.code for cls in classes]
    assert len(set(codes)) == len(codes)
    assert codes == sorted(codes)
    assert all(c.startswith("E") and len(c) == 4 and c[1:].isdigit() for c in codes)
