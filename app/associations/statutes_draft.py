"""The statutes draft: a translated template filled in with the founders' answers.

Every sentence is its own message with placeholders, so a translator can reorder the words;
the draft is written in the language of whoever saves the answers. It is plain text: the
founders edit it as text and it is always shown escaped.
"""

from __future__ import annotations

from flask_babel import format_decimal
from flask_babel import gettext as _

from app.models.associations import Association, AssociationKind


def month_name(month: int) -> str:
    names = [
        _("January"),
        _("February"),
        _("March"),
        _("April"),
        _("May"),
        _("June"),
        _("July"),
        _("August"),
        _("September"),
        _("October"),
        _("November"),
        _("December"),
    ]
    return names[(month - 1) % 12]


def _money(amount: int) -> str:
    return _("%(amount)s kronor", amount=format_decimal(amount))


def draft(association: Association) -> str:
    """The whole statutes as text, section by section."""
    a = association
    cooperative = a.kind is AssociationKind.COOPERATIVE
    year_end = month_name(a.financial_year_start - 1 if a.financial_year_start > 1 else 12)
    sections: list[tuple[str, list[str]]] = []
    if cooperative:
        title = _("Statutes of the cooperative %(name)s", name=a.name)
        sections.append(
            (
                _("§ 1 Name"),
                [_("The name of the cooperative is %(name)s (ekonomisk förening).", name=a.name)],
            )
        )
    else:
        title = _("Statutes of the association %(name)s", name=a.name)
        sections.append(
            (_("§ 1 Name"), [_("The name of the association is %(name)s.", name=a.name)])
        )
    sections.append(
        (
            _("§ 2 Seat"),
            [_("The association has its seat in %(seat)s.", seat=a.seat)],
        )
    )
    purpose = [_("The purpose of the association is: %(purpose)s", purpose=a.purpose)]
    if cooperative:
        purpose.append(
            _(
                "The cooperative promotes its members' economic interests through economic "
                "activity in which the members take part."
            )
        )
    else:
        purpose.append(
            _("The association is non-profit and independent of political parties and religion.")
        )
    sections.append((_("§ 3 Purpose"), purpose))
    membership = [
        _("Everyone who supports the purpose of the association can become a member.")
        if a.open_membership
        else _(
            "Everyone who lives or works in the area and supports the purpose can become a member."
        )
    ]
    membership.append(_("The board decides on applications for membership."))
    membership.append(_("A member who wants to leave tells the board, and has then left."))
    sections.append((_("§ 4 Membership"), membership))
    fees = [
        _(
            "The membership fee is %(fee)s per year, decided by the annual meeting.",
            fee=_money(a.fee),
        )
    ]
    if cooperative:
        fees.append(
            _(
                "Each member pays a member contribution of %(amount)s, returned when the member "
                "leaves as the Economic Associations Act provides.",
                amount=_money(a.member_contribution or 0),
            )
        )
    sections.append((_("§ 5 Fees"), fees))
    sections.append(
        (
            _("§ 6 Board"),
            [
                _(
                    "The association is led by a board of %(num)d members, elected by the "
                    "annual meeting: a chair, a treasurer, a secretary and other members.",
                    num=a.board_size,
                ),
                _("The board meets when the chair calls it, or when two board members ask."),
                _("The board can decide when more than half of its members are present."),
                _("Two board members together sign for the association."),
            ],
        )
    )
    sections.append(
        (
            _("§ 7 Financial year and audit"),
            [
                _(
                    "The financial year runs from the first of %(start)s to the last of %(end)s.",
                    start=month_name(a.financial_year_start),
                    end=year_end,
                ),
                _("The annual meeting elects an auditor, who examines the accounts and the board."),
            ],
        )
    )
    sections.append(
        (
            _("§ 8 Annual meeting"),
            [
                _(
                    "The annual meeting is held every year in %(month)s. The board calls it at "
                    "least two weeks before.",
                    month=month_name(a.annual_meeting_month),
                ),
                _("Each member has one vote. Decisions are taken by simple majority."),
                _(
                    "The annual meeting deals with the board's report, the auditor's report, "
                    "discharge of the board, the fee, and elects the board and the auditor."
                ),
            ],
        )
    )
    sections.append(
        (
            _("§ 9 Changing the statutes"),
            [
                _(
                    "The statutes are changed by decisions at two meetings in a row, one of "
                    "them an annual meeting, with at least two thirds of the votes cast at each."
                )
            ],
        )
    )
    dissolution = [
        _(
            "The association is dissolved by decisions at two meetings in a row, one of them "
            "an annual meeting, with at least two thirds of the votes cast at each."
        )
    ]
    if cooperative:
        dissolution.append(
            _(
                "Assets left after the debts are paid are shared among the members in "
                "proportion to their contributions, as the law provides."
            )
        )
    else:
        dissolution.append(
            _(
                "Assets left after the debts are paid go to a non-profit purpose in the area "
                "that the last meeting decides."
            )
        )
    sections.append((_("§ 10 Dissolution"), dissolution))
    lines = [title, ""]
    for heading, sentences in sections:
        lines += [heading, " ".join(sentences), ""]
    return "\n".join(lines).strip() + "\n"
