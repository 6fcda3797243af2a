"""The actions the policy decides on."""

from enum import StrEnum


class Action(StrEnum):
    SEE = "see"
    DOWNLOAD = "download"
    EDIT = "edit"
    SHARE = "share"
    #: Move to the trash (hidden everywhere until restored or disposed) and back.
    TRASH = "trash"
    RESTORE = "restore"
    #: Place or release a legal hold; approve and execute a disposal list.
    HOLD = "hold"
    DISPOSE = "dispose"
