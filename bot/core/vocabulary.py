"""Everyday words that are never a name on their own."""

from __future__ import annotations

# Words that carry no entity: question words, verbs of asking, casual filler.
# A question word outside this list and outside every known name is "unknown".
COMMON_WORDS = frozenset(
    """
a about above across actually after again against ago all almost along already also although always am amazing
an and another any anybody anyone anything are around as ask asked asking at ate awards award away back be
became because become been before began begin being below best better between big bit both bring brought but by
call called came can cant could count counted day days did didnt do does doesnt doing done dont down during each
either else enough ever every everyone exactly fact facts far few find first for from get gets getting give given
go goes going gone got had has hasnt have havent having he hear heard held hello help her here hers hey hi him his
how however i id if ill im in info information into is isnt it its just know known last later latest least let like
list lol many may maybe me mean might mine more most much must my name named names need never new next no nope not
now number of off often oh ok okay on once one only or other others our out over own please pls plz pretty quick
quickly really remember right said same say says see she should show since so some someone something sorry still
such sure take taken tell than thank thanks that thats the their theirs them then there these they thing things
think this those though thought through thru to today told too total totals took tried true try u under until up
upon us use used very want wanna was wasnt way we well went were what whats when where whether which while who
whom whos whose why will with won wonder wondering would wow ya yeah year years yes yet yo you your
""".split()
)
