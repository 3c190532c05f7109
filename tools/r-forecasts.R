# `Rscript tools/r-forecasts.R SET_DIR OUT.csv thetaf,ets,naive2`: R forecast 8.20 forecasts (mean, 80%, 95%)
# from the training part of every series of a shared/data set, for `npm run bench -- pretrained
# --r-forecasts OUT.csv` (combination study until the engine has its own ETS and Theta). Not
# needed by tests or the app.
suppressMessages(library(forecast)); suppressMessages(library(jsonlite))
args <- commandArgs(TRUE); dir <- args[1]; out <- args[2]; methods <- strsplit(args[3], ",")[[1]]
man <- fromJSON(file.path(dir, "manifest.json"))$series
rows <- list()
naive2 <- function(y, h, m) {
  n <- length(y); seas <- FALSE
  if (m > 1 && n >= 3 * m) { r <- acf(y, lag.max = m, plot = FALSE)$acf[-1]; lim <- qnorm(0.95) * sqrt((1 + 2 * sum(r[-m]^2)) / n); seas <- abs(r[m]) > lim }
  if (seas) { si <- decompose(y, type = "multiplicative")$seasonal; ya <- y / si; f <- rep(tail(ya, 1), h) * rep(tail(si, m), ceiling(h / m))[1:h]; f }
  else rep(tail(y, 1), h)
}
for (i in seq_len(nrow(man))) {
  s <- man[i, ]; d <- read.csv(file.path(dir, s$file)); y <- d[[s$target]]
  n <- s$n_train; y <- y[1:n]; y <- na.interp(ts(y, frequency = s$m)); h <- s$h
  for (meth in methods) {
    f <- tryCatch({
      if (meth == "thetaf") thetaf(y, h = h, level = c(80, 95))
      else if (meth == "ets") forecast(ets(y), h = h, level = c(80, 95))
      else if (meth == "naive2") list(mean = naive2(y, h, s$m), lower = matrix(NA, h, 2), upper = matrix(NA, h, 2))
    }, error = function(e) NULL)
    if (is.null(f)) next
    rows[[length(rows) + 1]] <- data.frame(series = s$id, method = meth, step = 1:h, mean = as.numeric(f$mean),
      lo80 = as.numeric(f$lower[, 1]), hi80 = as.numeric(f$upper[, 1]), lo95 = as.numeric(f$lower[, 2]), hi95 = as.numeric(f$upper[, 2]))
  }
}
write.csv(do.call(rbind, rows), out, row.names = FALSE)
