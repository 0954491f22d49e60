"""A demo budget round as rows: Rannebergen's residents decide on 60 000 kr for the yard.

Voting is open in the demo (it opened two days before today and closes in twelve days): the
two open ideas of Rannebergen were entered with a cost estimate and checked by the process
leader, and two residents have voted. The tenants' association's money ("verksamhetsmedel")
is the kind of amount such a round decides on.
"""

from app.models.rounds import CountingRule

AREA = "rannebergen"
TITLE = "Gårdspengar 2027"
AMOUNT = 60_000
RULE = CountingRule.EQUAL_SHARES
# Days relative to today: ideas until, voting from, voting until.
IDEAS_UNTIL, VOTING_FROM, VOTING_UNTIL = -5, -2, 12

# (idea title, estimate in kronor, checked cost, the leader's public note)
COSTED = [
    (
        "Odlingslotter på gården",
        25_000,
        22_000,
        "Pallkragar, jord och vatten; Svenska kyrkan lånar ut verktyg.",
    ),
    (
        "مقهى للشباب في عطلة نهاية الأسبوع",
        45_000,
        40_000,
        "Fika och ledare för två kvällar i veckan under ett år.",
    ),
]
# (voter's name, the idea titles on their ballot)
BALLOTS = [
    ("Layla Mahmoud", ["مقهى للشباب في عطلة نهاية الأسبوع"]),
    ("Erik Johansson", ["Odlingslotter på gården", "مقهى للشباب في عطلة نهاية الأسبوع"]),
]
