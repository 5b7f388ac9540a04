"""Annotation layers: one module per layer, each registering a versioned component."""

from presslens.annotate.registry import ComponentSpec, components, register, resolve

__all__ = ["ComponentSpec", "components", "register", "resolve"]
