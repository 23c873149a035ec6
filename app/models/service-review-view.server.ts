/** What a service's page shows of its reviews and measures: every review, and the last year measured. */
import { monthsEnding } from "../domain/review";
import { latestMeasuredMonth, levelsInForce, measurementsOf } from "./measures.server";
import { reviewsOf } from "./review.server";

const MONTHS_SHOWN = 12;

export async function serviceReviewView(serviceId: string) {
  const [inForce, reviews, latest] = await Promise.all([levelsInForce(serviceId), reviewsOf(serviceId), latestMeasuredMonth(serviceId)]);
  if (!inForce) return null;
  const months = latest ? monthsEnding(latest, MONTHS_SHOWN) : [];
  const measurements = latest ? await measurementsOf(serviceId, months[0]) : [];
  return { levels: inForce.levels, agreedVersion: inForce.agreedVersion, reviews, months, measurements };
}
