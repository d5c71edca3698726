"""The Today section: what needs the caseworker now."""
