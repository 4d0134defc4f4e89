"""Which .tcss files load when: the board's with the app, the others with the first screen that needs them.

Parsing every stylesheet before the first frame cost about 25 ms of the launch. Textual loads a screen's
CSS_PATH, for the whole app, the first time that screen is shown; so every screen but the board names
`LATER`, and the order of the rules stays app, board, dialogs, release, gonogo, metrics whichever opens first.
"""

from pathlib import Path

FOLDER = Path(__file__).with_name("styles")
AT_START = [FOLDER / "app.tcss", FOLDER / "board.tcss"]
LATER = [FOLDER / "dialogs.tcss", FOLDER / "release.tcss", FOLDER / "gonogo.tcss", FOLDER / "metrics.tcss",
         FOLDER / "calendar.tcss"]
