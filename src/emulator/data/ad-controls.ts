/**
 * Ad spend moved on demand through the control plane (docs/emulator.md, Control plane): a
 * campaign spends more on a day than it was generated to (a budget raise spent, a costly
 * creative), so a test makes a shop's ROAS fall and recover because spend changed. The extra
 * shows in every report of that campaign-day (BASIC or GMV Max) once TikTok shows the day at all
 * (reports lag about 11 hours), and changes nothing else of the day.
 */
import { D, minorUnits } from './money';
import type { StoreState } from './state';
import { ControlError } from './order-controls';

/** Sets the campaign-day's extra spend (`amount`, the advertiser currency, ≥ 0; "0" takes it back). */
export function setExtraSpend(state: StoreState, advertiserId: string, campaignId: string, date: string, amount: string): void {
  const adv = state.advertisers.find((a) => a.advertiser.advertiser_id === advertiserId);
  if (!adv) throw new ControlError(`no advertiser ${advertiserId}`, 404);
  const campaign = adv.campaigns.find((c) => c.raw.campaign_id === campaignId);
  if (!campaign) throw new ControlError(`advertiser ${advertiserId} has no campaign ${campaignId}`, 404);
  if (adv.recordedRows) throw new ControlError('recorded reports are served as recorded: their spend cannot be moved');
  const extra = new D(amount);
  const places = minorUnits(adv.advertiser.currency);
  if (!extra.equals(extra.toDecimalPlaces(places))) throw new ControlError(`amount: ${adv.advertiser.currency} has ${places} decimals`);
  if (date < campaign.firstDay || (campaign.lastDay !== undefined && date > campaign.lastDay)) {
    throw new ControlError(`campaign ${campaignId} did not deliver on ${date}`);
  }
  campaign.extraSpend ??= new Map();
  if (extra.isZero()) campaign.extraSpend.delete(date);
  else campaign.extraSpend.set(date, extra);
}
