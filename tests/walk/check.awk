# check.awk: the invariants of one key of a random walk (tests/walk/walk.sh).
#
#   awk -f check.awk -v kind=K -v chunk=TEXT WORLD BEFORE AFTER SCREEN
#
# WORLD: the sandbox's seeded world ("app CONNECTION OBJECT-ID CLIENT-ID NAME",
# "project ID NAME"), asked of the sandbox.  BEFORE, AFTER: the wizard's
# ROTWIZ_TUI_ANSWERS dump before and after the key; SCREEN: the screen after
# it, once it held still.  kind is t (typed text), p (a paste) or k (a key),
# chunk the text.  Prints "INVARIANT: what was wrong" for the first broken
# invariant, nothing when all hold.

function trim(s) { sub(/^ +/, "", s); sub(/ +$/, "", s); return s }
function fail(name, msg) { if (!failed) print name ": " msg; failed = 1 }
# The value shown on a field's line: what follows the label, hints aside.
function shown(label,    i, line, rest) {
	for (i = 1; i <= rows; i++) {
		line = screen[i]
		if (substr(line, 1, 2) != "  " && substr(line, 1, 4) != "\342\226\270 ")
			continue
		rest = line
		sub(/^(  |\342\226\270 )/, "", rest)
		if (substr(rest, 1, length(label) + 2) == label "  ")
			return trim(substr(rest, length(label) + 1))
	}
	return "\001"	# no such line
}

FILENAME == ARGV[1] {
	if ($1 == "app") { app_conn[$3] = $2; app_conn[$4] = $2; n = $3; for (i = 5; i <= NF; i++) { nm = nm (i > 5 ? " " : "") $i }; app_name[$3] = nm; nm = "" }
	if ($1 == "project") { nm = $3; for (i = 4; i <= NF; i++) nm = nm " " $i; project_name[$2] = nm; nm = "" }
	next
}
FILENAME == ARGV[2] || FILENAME == ARGV[3] {
	w = FILENAME == ARGV[2] ? "b" : "a"
	if ($1 == "answer") {
		eq = index($0, "=")
		val[w, substr($0, 8, eq - 8)] = substr($0, eq + 1)
	} else if ($1 == "filter") {
		val[w, "filter"] = substr($0, 8)
	} else if ($1 == "focus") {
		val[w, "focus"] = $2 " " $3
		val[w, "focus_kind"] = $2
		val[w, "focus_field"] = $3
	} else {
		val[w, $1] = $2
	}
	next
}
{ screen[++rows] = $0 }

BEGIN {
	# A GUID, spelled out: not every awk knows {8}.
	h = "[0-9a-f]"
	guid = h h h h h h h h "-" h h h h "-" h h h h "-" h h h h "-" h h h h h h h h h h h h
}

END {
	step = val["a", "step"]; modal = val["a", "modal"]

	# No keystroke vanishes: typed text lands whole in the field (or filter) it was typed into.
	if ((kind == "t" || kind == "p") && val["b", "modal"] == 0 && modal == 0 &&
	    val["b", "step"] == step && step >= 1 && step <= 6 && val["b", "focus"] == val["a", "focus"] &&
	    val["b", "focus"] != "") {
		fk = val["a", "focus_kind"]; ff = val["a", "focus_field"]
		if (fk == "pick") {
			if (index(val["a", "filter"], chunk) == 0)
				fail("typed-filter", "\"" chunk "\" typed into the " ff " list's filter, which holds \"" val["a", "filter"] "\"")
		} else if (fk == "text" || fk == "path" || fk == "number") {
			if (index(val["a", ff], chunk) == 0)
				fail("typed-" fk, "\"" chunk "\" typed into " ff ", which holds \"" val["a", ff] "\" (was \"" val["b", ff] "\")")
		}
	}

	# Nothing shown belongs to another connection: the app chosen from a list is one of the
	# connection's, and the app list shows the connection's apps only.
	conn = val["a", "connectionId"]; obj = val["a", "parameters.objectId"]
	if (conn != "" && obj != "" && val["a", "manual"] == 0 && (obj in app_conn) && app_conn[obj] != conn)
		fail("app-of-connection", "the app " obj " (" app_name[obj] ") is of connection " app_conn[obj] ", the connection is " conn)
	if (step == 4 && modal == 0 && val["a", "manual"] == 0 && conn != "") {
		for (i = 1; i <= rows; i++) {
			line = screen[i]
			while (match(line, guid)) {
				g = substr(line, RSTART, RLENGTH)
				line = substr(line, RSTART + RLENGTH)
				if ((g in app_conn) && app_conn[g] != conn)
					fail("shown-other-connection", "the app list of " conn " shows " g " (" app_name[g] ") of " app_conn[g])
			}
		}
	}

	# The screen shows what the answers hold: fields not being edited, and the summary.
	if (modal == 0 && step >= 1 && step <= 6) {
		nf = split("1 name Name|1 description Description|2 secretPath Secret path|6 secretsMapping.clientId Client ID secret|6 secretsMapping.clientSecret Client secret secret", fl, "|")
		for (i = 1; i <= nf; i++) {
			split(fl[i], p, " ")
			if (p[1] != step || p[2] == val["a", "focus_field"])
				continue
			label = substr(fl[i], length(p[1]) + length(p[2]) + 3)
			want = val["a", p[2]]
			got = shown(label)
			if (got == "\001" || length(want) > 40)
				continue
			if (got != want)
				fail("screen-answers", label " shows \"" got "\", the answer is \"" want "\"")
		}
		if (step == 2 && val["a", "focus_field"] != "projectId" && (val["a", "projectId"] in project_name)) {
			got = shown("Project")
			if (got != "\001" && got != project_name[val["a", "projectId"]])
				fail("screen-answers", "Project shows \"" got "\", the answer is " project_name[val["a", "projectId"]])
		}
		# The summary under the rail starts with the rotation's name once step 1 is done.
		if (step >= 2 && index(screen[2], "\342\234\223 Rotation") && val["a", "name"] != "" &&
		    length(val["a", "name"]) <= 30) {
			s = trim(screen[3]); sub(/  \|  .*/, "", s)
			if (s != val["a", "name"])
				fail("screen-answers", "the summary says \"" s "\", the name is \"" val["a", "name"] "\"")
		}
	}
}
