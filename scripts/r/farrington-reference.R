# The reference for src/lib/farrington.ts: R's surveillance::farringtonFlexible, run with the
# site's parameters on a handful of real MPS borough series (data/derived/mps_borough_monthly.csv),
# every month that has five years of history. Writes tests/fixtures/farrington/reference.csv,
# which the unit tests compare with the site's own implementation. CI does not need R: the
# fixture is committed with this script.
#
#   apt-get install r-cran-surveillance      (Debian 12: R 4.2.2, surveillance 1.20.3)
#   Rscript scripts/r/farrington-reference.R
suppressMessages(library(surveillance))

# The site's parameters (src/lib/farrington.ts, FARRINGTON): kept in step by the unit test, which
# reads them from this fixture's header line.
control <- list(b = 5, w = 1, noPeriods = 4, alpha = 0.01, reweight = TRUE,
                weightsThreshold = 2.58, trend = TRUE, pThresholdTrend = 0.05,
                limit54 = c(5, 4), powertrans = "2/3", thresholdMethod = "delta",
                glmWarnings = FALSE)

monthly <- read.csv("data/derived/mps_borough_monthly.csv", check.names = FALSE, stringsAsFactors = FALSE)
months <- grep("^[0-9]{4}-[0-9]{2}$", names(monthly), value = TRUE)
series <- list(
  c("Barking and Dagenham", "ARSON"),
  c("Barking and Dagenham", "CRIMINAL DAMAGE"),
  c("Camden", "SHOPLIFTING"),
  c("Camden", "THEFT FROM THE PERSON"),
  c("Croydon", "VIOLENCE WITH INJURY"),
  c("Westminster", "ROBBERY OF PERSONAL PROPERTY")
)

out <- list()
for (s in series) {
  row <- monthly[monthly$area_name == s[1] & monthly$minor == s[2], ]
  stopifnot(nrow(row) == 1)
  y <- as.numeric(row[1, months])
  x <- sts(observed = matrix(y, ncol = 1), start = c(2010, 4), frequency = 12)
  first <- 12 * control$b + control$w + 1
  res <- farringtonFlexible(x, control = c(control, list(range = first:length(y))))
  z <- qnorm(1 - control$alpha)
  mu0 <- res@control$expected[, 1]
  upper <- res@upperbound[, 1]
  # The lower limit at the same alpha, from the same interval (the package alarms on the upper only).
  se <- (upper^(2/3) - mu0^(2/3)) / z
  low <- mu0^(2/3) - z * se
  lower <- ifelse(is.na(low), NA, ifelse(low > 0, low^(3/2), 0))
  out[[length(out) + 1]] <- data.frame(
    area = s[1], minor = s[2], month = months[first:length(y)], index = first:length(y),
    observed = y[first:length(y)], expected = mu0, upper = upper, lower = lower,
    phi = res@control$phiVector[, 1], trend = res@control$trend[, 1],
    pvalue = res@control$pvalue[, 1], alarm = as.integer(res@alarm[, 1])
  )
}
all <- do.call(rbind, out)
file <- "tests/fixtures/farrington/reference.csv"
params <- sprintf("# farringtonFlexible (surveillance %s, %s): b=%d w=%d noPeriods=%d alpha=%g weightsThreshold=%g pThresholdTrend=%g limit54=%d,%d powertrans=%s thresholdMethod=%s",
  packageVersion("surveillance"), R.version.string, control$b, control$w, control$noPeriods, control$alpha,
  control$weightsThreshold, control$pThresholdTrend, control$limit54[1], control$limit54[2],
  control$powertrans, control$thresholdMethod)
writeLines(params, file)
suppressWarnings(write.table(all, file, sep = ",", row.names = FALSE, append = TRUE, qmethod = "double", na = ""))
cat("wrote", nrow(all), "rows to", file, "\n")
