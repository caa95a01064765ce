"""Revisions: every published figure of this build that differs from an earlier build's."""
