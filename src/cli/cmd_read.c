/* congvan inspect and trim: reading one message or one reply body,
 * without a store. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sysexits.h>

#include "congvan/inspect.h"
#include "congvan/reply.h"
#include "congvan/text.h"
#include "congvan/util.h"
#include "private.h"

/* Reads a whole file, or standard input for "-". */
static int read_input(const char *path, char **data_r, size_t *len_r)
{
	if (strcmp(path, "-") == 0) {
		return file_read_all("/dev/stdin", data_r, len_r);
	}
	return file_read_all(path, data_r, len_r);
}

int cmd_inspect(const struct cli *cli)
{
	struct message_classify_opts opts = {NULL, NULL, "CV"};
	struct reader_opts reader = {0};
	struct config cfg = {0};
	struct inspection in;
	char *data = NULL, *json, *err = NULL, *secret = NULL;
	size_t len = 0;

	if (cli->config_given) {
		if (config_load(cli->config_path, &cfg, &err) < 0) {
			fprintf(stderr, "%s\n", err);
			free(err);
			return EX_CONFIG;
		}
		opts.own_address = cfg.smtp.from;
		/* our own Message-IDs are known by their mark */
		secret = service_read_secret(cfg.service.secret_file);
		opts.secret = secret;
		opts.item_prefix = cfg.service.item_prefix;
		reader.ocr_pages = cfg.letters.ocr_pages;
		reader.trust = cfg.letters.trust;
		reader.time_limit = cfg.letters.time_limit;
	}
	if (read_input(cli->argv[1], &data, &len) < 0) {
		fprintf(stderr, "congvan: cannot read '%s': %s\n", cli->argv[1],
			strerror(errno));
		free(secret);
		config_free(&cfg);
		return EX_NOINPUT;
	}
	if (len == 0) {
		fprintf(stderr, "congvan: '%s' is empty\n", cli->argv[1]);
		free(data);
		free(secret);
		config_free(&cfg);
		return EX_DATAERR;
	}
	inspect_message(data, len, &opts, &reader, &in);
	json = inspect_json(&in);
	fputs(json, stdout);
	free(json);
	inspect_free(&in);
	free(data);
	free(secret);
	config_free(&cfg);
	return 0;
}

int cmd_trim(const struct cli *cli)
{
	char *data = NULL, *nfc, *text;
	size_t len = 0;

	(void)cli;
	if (read_input("-", &data, &len) < 0) {
		fprintf(stderr, "congvan: cannot read standard input: %s\n",
			strerror(errno));
		return EX_NOINPUT;
	}
	nfc = text_nfc(data, len); /* iOS sends NFD */
	text = reply_trim(nfc, strlen(nfc));
	fputs(text, stdout);
	if (*text) {
		fputc('\n', stdout);
	}
	free(text);
	free(nfc);
	free(data);
	return 0;
}
