#include "config.h"

#include <limits.h>
#include <langinfo.h>
#include <locale.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <curses.h>

#include "libcore/app.h"
#include "libcore/flow.h"
#include "libcore/names.h"
#include "common/term.h"
#include "tui/bulk.h"
#include "tui/flow.h"
#include "tui/frame.h"
#include "tui/manage.h"
#include "tui/result.h"
#include "tui/text.h"
#include "tui/tui.h"
#include "tui/wizard.h"

/*
 * The terminal and the event loop: the only place that acts.  It waits on
 * the keyboard and libcurl's sockets together, files finished calls,
 * turns keys into actions (tui/keys.c), hands them to the current screen
 * and has the outcome the screen returns carried out (tui/flow.c).  Every
 * frame is drawn from state, so a resize only has to rebuild.
 */

/* How long the loop sleeps with nothing to animate: bounds a missed signal wake-up. */
#define IDLE_MS 1000
#define SPIN_MS 100
#define ESCDELAY_MS 25

static volatile sig_atomic_t tui_signal;

static void
on_signal(int signo)
{
	tui_signal = signo;
}

/* ---- terminal ---- */

struct term {
	SCREEN *screen;
	struct sigaction old_term, old_hup, old_int, old_quit;
};

static int
term_open(struct tui *t, struct term *term)
{
	struct sigaction sa;
	const char *codeset;

	/*
	 * Our handlers go in before initscr: ncurses then leaves SIGTERM and
	 * SIGINT to us, and we restore the terminal on the normal way out.
	 */
	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = on_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGTERM, &sa, &term->old_term);
	sigaction(SIGHUP, &sa, &term->old_hup);
	sigaction(SIGINT, &sa, &term->old_int);
	/* SIGQUIT too: its default (a core dump, off here) would leave the terminal raw. */
	sigaction(SIGQUIT, &sa, &term->old_quit);
	term->screen = newterm(NULL, stdout, stdin);
	if (!term->screen) {
		rw_term_printf(stderr, "rotwiz: this terminal (TERM=%s) cannot show the wizard -- use "
			"--plain\n", getenv("TERM") ? getenv("TERM") : "");
		return -1;
	}
	set_term(term->screen);
	if (!getenv("ESCDELAY"))
		set_escdelay(ESCDELAY_MS);
	raw();			/* Ctrl-C is a key here, not a signal */
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	mousemask(0, NULL);
	codeset = nl_langinfo(CODESET);
	tui_text_set_ascii(!codeset || strcmp(codeset, "UTF-8") != 0);
	tui_theme_init(!t->app->opt.no_color);
	/* Bracketed paste: a paste arrives as one piece, not as typed keys (no Enter in it). */
	define_key("\033[200~", TUI_KEY_PASTE_BEGIN);
	define_key("\033[201~", TUI_KEY_PASTE_END);
	putp("\033[?2004h");
	fflush(stdout);
	return 0;
}

static void
term_close(struct term *term)
{
	if (term->screen) {
		putp("\033[?2004l");
		curs_set(1);
		endwin();
		fflush(stdout);
		delscreen(term->screen);
		term->screen = NULL;
	}
	sigaction(SIGTERM, &term->old_term, NULL);
	sigaction(SIGHUP, &term->old_hup, NULL);
	sigaction(SIGINT, &term->old_int, NULL);
	sigaction(SIGQUIT, &term->old_quit, NULL);
}

static unsigned
contexts_now(struct tui *t)
{
	if (t->too_small)
		return TUI_CTX_SMALL;
	if (t->modal == TUI_MODAL_HELP)
		return TUI_CTX_HELP;
	if (t->modal != TUI_MODAL_NONE)
		return TUI_CTX_PROMPT;
	return tui_screen_for(t)->contexts(t);
}

static long long
now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long) ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

static void
handle_key(struct tui *t, int is_key, wint_t ch)
{
	enum tui_action action;
	const struct tui_screen *screen;
	unsigned contexts;

	t->keys++;
	if (!t->key_at_us)
		t->key_at_us = now_us();
	if (t->pasting) {
		if (is_key && ch == TUI_KEY_PASTE_END) {
			t->pasting = 0;
			screen = tui_screen_for(t);
			if (screen->paste && !t->modal && !t->too_small)
				screen->paste(t, strbuf_str(&t->paste));
			strbuf_reset(&t->paste);
		} else if (!is_key) {
			char mb[MB_LEN_MAX + 1];
			mbstate_t state;
			size_t n;

			memset(&state, 0, sizeof(state));
			n = wcrtomb(mb, (wchar_t) ch, &state);
			if (n != (size_t) -1)
				strbuf_append(&t->paste, mb, n);
		}
		return;
	}
	contexts = contexts_now(t);
	action = tui_key_action(is_key, ch, contexts);
	if ((contexts & TUI_CTX_PICK) && (action == TUI_ACT_CHAR || action == TUI_ACT_BACKSPACE))
		t->key_filters = 1;
	switch (action) {
	case TUI_ACT_RESIZE:
		t->rebuild = 1;
		return;
	case TUI_ACT_PASTE_BEGIN:
		t->pasting = 1;
		strbuf_reset(&t->paste);
		return;
	case TUI_ACT_PASTE_END:
		return;
	default:
		break;
	}
	if (t->too_small) {
		if (action == TUI_ACT_QUIT)
			tui_flow_quit(t, rw_status_exit_code(RW_EQUIT));
		else if (action == TUI_ACT_REDRAW)
			t->repaint = 1;
		return;
	}
	if (t->modal != TUI_MODAL_NONE) {
		tui_flow_modal_key(t, action);
		return;
	}
	if (action == TUI_ACT_NONE)
		return;
	if (action == TUI_ACT_MANAGE) {
		/* F2 on a step, m on the result: the Rotations screen, over where the user is. */
		tui_manage_open(t, 0);
		return;
	}
	tui_flow_act(t, tui_screen_for(t)->key(t, action, ch));
}

/* ---- keys typed ahead (decision 9) ---- */

/* More than any burst or paste a person makes; beyond it a key is handled at once. */
#define HELD_MAX (1u << 20)

static int
hold_key(struct tui *t, int is_key, wint_t ch)
{
	struct tui_held_key *grown;
	size_t size;

	if (t->held_first > 0 && t->held_first + t->held_count == t->held_size) {
		memmove(t->held, t->held + t->held_first, t->held_count * sizeof(*t->held));
		t->held_first = 0;
	}
	if (t->held_first + t->held_count == t->held_size) {
		size = t->held_size ? t->held_size * 2 : 64;
		if (size > HELD_MAX || !(grown = realloc(t->held, size * sizeof(*grown))))
			return -1;
		t->held = grown;
		t->held_size = size;
	}
	t->held[t->held_first + t->held_count].is_key = is_key;
	t->held[t->held_first + t->held_count].ch = ch;
	t->held_count++;
	return 0;
}

/*
 * Whether a key must wait: after keys already waiting (their order is
 * kept), or when it needs a list still loading -- unless it is about the
 * wait itself (Ctrl-C, Esc over a load...).  A paste under way goes on as
 * it began.
 */
static int
key_must_wait(struct tui *t, int is_key, wint_t ch)
{
	unsigned contexts;

	if (t->pasting)
		return 0;
	/* A key just handled may have opened a step whose lists are not asked yet. */
	if (t->held_count == 0)
		tui_flow_sync(t);
	contexts = contexts_now(t);
	return tui_flow_key_waits(t, tui_key_action(is_key, ch, contexts), contexts,
				  t->held_count > 0);
}

/* ---- drawing ---- */

/*
 * ROTWIZ_TUI_ANSWERS=FILE (tests/walk/): after every frame, FILE holds the
 * keys read so far, the step, the focus and the answers, so a test can
 * tell that the screen shows what the answers hold once every key it sent
 * was read.  Answers only: the token and the client secret live in struct
 * app, never here, and step 0's editor is not written.  Written whole
 * (a rename), so a reader never sees half of it.
 */
static void
write_answers(const struct tui *t)
{
	static const char *const kinds[] = {
		[TUI_ITEM_TEXT] = "text", [TUI_ITEM_NUMBER] = "number", [TUI_ITEM_TOGGLE] = "toggle",
		[TUI_ITEM_PICK] = "pick", [TUI_ITEM_PATH] = "path", [TUI_ITEM_LOCAL_TIME] = "local-time",
	};
	const char *path = getenv("ROTWIZ_TUI_ANSWERS");
	struct tui_item items[TUI_MAX_ITEMS];
	char tmp[4096];
	FILE *f;
	int i, n;

	if (!path || !*path || snprintf(tmp, sizeof(tmp), "%s.tmp", path) >= (int) sizeof(tmp) ||
	    !(f = fopen(tmp, "w")))
		return;
	fprintf(f, "keys %ld\nframes %d\nstep %d\nmodal %d\nmanual %d\n", t->keys, t->frames,
		(int) t->step, (int) t->modal, t->apps_manual);
	n = tui_step_items(t, t->step, items);
	if (t->step > RW_STEP_SIGN_IN && t->step < RW_STEP_REVIEW && t->focus >= 0 && t->focus < n) {
		const struct tui_item *it = &items[t->focus];
		const struct rw_field_info *info = rw_field_info(it->field);

		/* The Local time field has no answer of its own (it sets the UTC ones). */
		fprintf(f, "focus %s %s\n", kinds[it->kind], info ? info->api_path : "localTime");
		if (it->kind == TUI_ITEM_PICK)
			fprintf(f, "filter %s\n", t->pick[it->pick].filter);
	}
	for (i = 0; i < RW_FIELD_COUNT; i++)
		fprintf(f, "answer %s=%s\n", rw_field_info((enum rw_field) i)->api_path,
			rw_answers_get(&t->app->answers, (enum rw_field) i));
	if (fclose(f) == 0)
		rename(tmp, path);
}


/* For ROTWIZ_TUI_STATS: when a loaded list was first on screen, how long a filter key took. */
static void
measure_frame(struct tui *t, enum core_slot_id shown)
{
	long long now = now_us();

	if (shown < CORE_SLOT_COUNT && !t->usable_ms[shown] && core_lists_ready(&t->loads, shown))
		t->usable_ms[shown] = (now - t->started_us) / 1000 + 1;
	if (t->key_at_us && t->key_filters && t->filter_samples < TUI_KEY_SAMPLES)
		t->filter_us[t->filter_samples++] = (long) (now - t->key_at_us);
	t->key_at_us = 0;
	t->key_filters = 0;
}

static void
draw(struct tui *t)
{
	const struct tui_screen *screen = tui_screen_for(t);
	enum core_slot_id shown;

	if (t->repaint) {
		clearok(curscr, TRUE);
		t->repaint = 0;
	}
	t->too_small = COLS < TUI_MIN_COLS || LINES < TUI_MIN_LINES;
	if (t->rebuild) {
		tui_editor_close(&t->ed);
		t->rebuild = 0;
	}
	if (t->too_small) {
		/* The editor cannot live on a screen this small: it is rebuilt when it grows. */
		tui_editor_close(&t->ed);
		erase();
		tui_frame_small(t);
		curs_set(0);
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
	/* The user waits on a list to choose from, not on folder hints they may skip. */
	shown = screen->shown_load(t);
	if (shown != CORE_SLOT_COUNT && shown != CORE_SLOT_FOLDERS)
		core_lists_mark_awaited(&t->loads, shown);
	t->cur_y = t->cur_x = -1;
	tui_editor_hold(&t->ed);
	erase();
	screen->draw(t);
	tui_editor_redraw(&t->ed);
	tui_frame_draw(t, contexts_now(t));
	if (t->modal != TUI_MODAL_NONE) {
		tui_frame_modal(t);
		curs_set(0);
	} else if (tui_editor_is_open(&t->ed)) {
		curs_set(1);
		tui_editor_place_cursor(&t->ed);
	} else if (t->cur_y >= 0) {
		curs_set(1);
		move(t->cur_y, t->cur_x);
	} else {
		curs_set(0);
	}
	wnoutrefresh(stdscr);
	doupdate();
	t->frames++;
	measure_frame(t, shown);
	write_answers(t);
}

/* Something on screen moves (a spinner): wake up often enough to show it. */
static int
animating(const struct tui *t)
{
	int i;

	if (t->signing_in)
		return 1;
	for (i = 0; i < CORE_SLOT_COUNT; i++)
		if (core_lists_running(&t->loads, (enum core_slot_id) i))
			return 1;
	return 0;
}

/* ROTWIZ_TUI_STATS=FILE: what the measurements in the test suite read. */
static void
write_stats(const struct tui *t)
{
	const char *path = getenv("ROTWIZ_TUI_STATS");
	FILE *f;

	if (!path || !*path || !(f = fopen(path, "w")))
		return;
	static const char *const names[CORE_SLOT_COUNT] = {
		[CORE_SLOT_PROJECTS] = "projects", [CORE_SLOT_CONNECTIONS] = "connections",
		[CORE_SLOT_APPS] = "apps", [CORE_SLOT_FOLDERS] = "folders",
		[CORE_SLOT_FOLDER_CHECK] = "folder-check", [CORE_SLOT_SECRET_NAMES] = "secret-names",
		[CORE_SLOT_SIGNIN] = "sign-in", [CORE_SLOT_CREATE] = "create",
		[CORE_SLOT_ROTATE] = "rotate",
	};
	int i;

	fprintf(f, "keys %ld\nframes %d\ncalls %d\nwaited %d\nwaited_on", t->keys, t->frames,
		t->loads.started, t->loads.waited);
	for (i = 0; i < CORE_SLOT_COUNT; i++)
		if (t->loads.waited_on & (1u << i))
			fprintf(f, " %s", names[i]);
	fprintf(f, "\nexit %d\n", t->exit_code);
	if (t->apps_came_ms)
		fprintf(f, "apps_came_ms %lld keys %ld\n", t->apps_came_ms - 1, t->apps_came_keys);
	for (i = 0; i < CORE_SLOT_COUNT; i++)
		if (t->usable_ms[i])
			fprintf(f, "usable_ms %s %lld\n", names[i], t->usable_ms[i] - 1);
	if (t->filter_samples > 0) {
		long sorted[TUI_KEY_SAMPLES], v;
		int n = t->filter_samples, a, b;

		memcpy(sorted, t->filter_us, (size_t) n * sizeof(*sorted));
		for (a = 1; a < n; a++)	/* insertion sort: a few hundred samples at most */
			for (b = a, v = sorted[a]; b > 0 && sorted[b - 1] > v; b--) {
				sorted[b] = sorted[b - 1];
				sorted[b - 1] = v;
			}
		fprintf(f, "filter_keys %d\nfilter_us_median %ld\nfilter_us_max %ld\nfilter_us", n,
			sorted[(n - 1) / 2], sorted[n - 1]);
		for (a = 0; a < n; a++)	/* in the order typed */
			fprintf(f, " %ld", t->filter_us[a]);
		fputc('\n', f);
	}
	/* Past the first frame: before it the loop has not read a key yet. */
	fprintf(f, "key_stall_us_max %lld\nkey_stall_at_ms %lld\n", t->stall_us_max, t->stall_at_ms);
	{
		struct rusage ru;

		if (getrusage(RUSAGE_SELF, &ru) == 0)
			fprintf(f, "peak_rss_kib %ld\n", ru.ru_maxrss);
	}
	fclose(f);
}

static long long
blocked_us(const struct tui *t)
{
	return t->app->api ? rw_api_blocked_us(t->app->api) : t->poll_blocked_us;
}

static void
wait_for_input(struct tui *t)
{
	int timeout = animating(t) ? SPIN_MS : IDLE_MS, bulk = tui_bulk_pump(t);

	if (tui_bulk_running(t) && timeout > SPIN_MS)
		timeout = SPIN_MS;
	if (bulk >= 0 && bulk < timeout)
		timeout = bulk;

	if (t->app->api) {
		rw_api_wait(t->app->api, STDIN_FILENO, timeout);
	} else {
		struct pollfd pfd = { STDIN_FILENO, POLLIN, 0 };
		long long since = now_us();

		poll(&pfd, 1, timeout);
		t->poll_blocked_us += now_us() - since;
	}
}

/*
 * For ROTWIZ_TUI_STATS: the keyboard is read now; how long since it was
 * last read (drawing, filing results, parsing a reply, handling the last
 * key), less the time spent waiting on it.
 */
static void
measure_stall(struct tui *t)
{
	long long now = now_us(), busy;

	if (t->stall_mark_us) {
		busy = now - t->stall_mark_us - (blocked_us(t) - t->stall_mark_blocked);
		if (busy > t->stall_us_max) {
			t->stall_us_max = busy;
			t->stall_at_ms = (now - t->started_us) / 1000;
		}
	}
}

/* For ROTWIZ_TUI_STATS: when an app list came parsed (a prefetch too), and how many keys had been read by then. */
static void
measure_came(struct tui *t, const struct rw_result *result)
{
	if (result->kind == RW_CALL_AZURE_APPS && result->status == RW_OK && !t->apps_came_ms) {
		t->apps_came_ms = (now_us() - t->started_us) / 1000 + 1;
		t->apps_came_keys = t->keys;
	}
}

static void
mark_keys_read(struct tui *t)
{
	t->stall_mark_us = now_us();
	t->stall_mark_blocked = blocked_us(t);
}

static void
key_now(struct tui *t, int is_key, wint_t ch)
{
	/*
	 * A result may have moved the wizard on (a check that waited for a
	 * list passed) since the last frame: the editor must be the new
	 * field's before a key reaches it, or the old field's text is copied
	 * into the new one.
	 */
	if (t->rebuild && !t->quit)
		draw(t);
	handle_key(t, is_key, ch);
	/* Keys typed ahead must reach the field that now has the focus. */
	if (t->rebuild && !t->quit)
		draw(t);
}

/* Hands the keys that waited to the screens, in order, while nothing makes them wait. */
static void
release_held(struct tui *t)
{
	struct tui_held_key k;
	unsigned contexts;

	/* Never into a question (a held "y" is not its answer), nor a screen too small to act. */
	while (t->held_count > 0 && !t->quit && t->modal == TUI_MODAL_NONE && !t->too_small) {
		k = t->held[t->held_first];
		tui_flow_sync(t);
		contexts = contexts_now(t);
		if (!t->pasting &&
		    tui_flow_key_waits(t, tui_key_action(k.is_key, k.ch, contexts), contexts, 0))
			return;
		t->held_first++;
		t->held_count--;
		key_now(t, k.is_key, k.ch);
	}
	if (t->held_count == 0)
		t->held_first = 0;
}

/* get_wch, timed for ROTWIZ_TUI_STATS: handling a key is time the next one waits too. */
static int
read_key(struct tui *t, wint_t *ch)
{
	int rc;

	measure_stall(t);
	rc = get_wch(ch);
	mark_keys_read(t);
	return rc;
}

static void
loop(struct tui *t)
{
	struct rw_result result;
	wint_t ch;
	int rc, quit_signal = 0;

	while (!t->quit) {
		if (tui_signal && !quit_signal) {
			quit_signal = tui_signal;
			/*
			 * Creates on the wire are waited for, as for Ctrl-C (decision
			 * 29): quitting under them would leave their outcome unknown.
			 */
			tui_bulk_stop(t);
		}
		if (quit_signal && !tui_bulk_running(t)) {
			tui_flow_quit(t, quit_signal == SIGINT ? 130 : 128 + quit_signal);
			break;
		}
		tui_flow_sync(t);
		tui_manage_sync(t);
		draw(t);
		if (t->signin_at_start) {
			/* After the first frame: opening libcurl and TLS takes longer than drawing. */
			t->signin_at_start = 0;
			tui_flow_start_signin(t);
		}
		wait_for_input(t);
		while (t->app->api && rw_api_next_result(t->app->api, &result)) {
			measure_came(t, &result);
			if (!tui_bulk_take(t, &result) && !tui_manage_take(t, &result))
				tui_flow_result(t, &result);
			rw_result_free(&result);
		}
		release_held(t);
		while (!t->quit && (rc = read_key(t, &ch)) != ERR) {
			if (!key_must_wait(t, rc == KEY_CODE_YES, ch) ||
			    hold_key(t, rc == KEY_CODE_YES, ch) < 0)
				key_now(t, rc == KEY_CODE_YES, ch);
			/* A question closed, a load cancelled: what waited may go on. */
			release_held(t);
		}
	}
}

int
tui_run(struct app *app)
{
	struct tui t;
	struct term term;
	char said[sizeof(t.draft_unsaved) + 64] = "";

	setlocale(LC_ALL, "");
	memset(&term, 0, sizeof(term));
	tui_wizard_init(&t, app);
	t.started_us = now_us();
	if (term_open(&t, &term) < 0) {
		term_close(&term);
		tui_wizard_free(&t);
		return rw_status_exit_code(RW_EUSAGE);
	}
	tui_flow_offer_draft(&t);
	if (core_names_claim(app) < 0 || rw_answers_apply_defaults(&app->answers) < 0) {
		term_close(&term);
		tui_wizard_free(&t);
		rw_term_printf(stderr, "rotwiz: out of memory\n");
		return rw_status_exit_code(RW_ENOMEM);
	}
	tui_flow_begin(&t);
	loop(&t);
	/* libform's windows belong to the screen: they go before it does. */
	tui_editor_close(&t.ed);
	term_close(&term);
	/* The screen is gone: what was created stays on the terminal. */
	if ((tui_result_print(&t, stdout) != 0 || tui_bulk_print(&t, stdout) != 0) &&
	    t.exit_code == 0)
		t.exit_code = RW_EXIT_SUMMARY_UNWRITTEN;
	write_stats(&t);
	if (t.draft_saved)
		snprintf(said, sizeof(said), " -- your answers are saved as a draft%s",
			 t.exit_code == 130 ? "; run rotwiz again to resume" : "");
	else if (t.draft_unsaved[0])
		snprintf(said, sizeof(said), " -- your answers could not be saved as a draft (%s)",
			 t.draft_unsaved);
	if (t.quit_in_flight)
		rw_term_printf(stderr, "rotwiz: %s%s\n", CORE_QUIT_IN_FLIGHT, t.draft_saved ?
			" -- the draft records it, and the next run looks it up before creating" :
			" -- look for it in Infisical before creating it again");
	else if (t.exit_code == 130)
		rw_term_printf(stderr, "rotwiz: quit%s\n", said);
	else if (t.exit_code > 128)
		rw_term_printf(stderr, "rotwiz: stopped by signal %d%s\n", t.exit_code - 128, said);
	tui_wizard_free(&t);
	return t.exit_code;
}
