"""Group stage: articles that report the same event become one story."""

from storylens.group.stream import Decision, GroupingRules, StoryGrouper

__all__ = ["Decision", "GroupingRules", "StoryGrouper"]
