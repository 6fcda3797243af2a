"""The actions the policy decides on."""

from enum import StrEnum


class Action(StrEnum):
    SEE = "see"
    DOWNLOAD = "download"
    EDIT = "edit"
    SHARE = "share"
