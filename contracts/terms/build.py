"""build_terms: from a draft's typed answers to the Terms every clause, hint and review reads."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from . import dates, pricing, sla
from .answers import freeze, read_answers
from .data import certification_due, certifications_to_obtain, certifications_warranted, pipl_route
from .keydates import acceptance_period
from .migration import migration_tasks
from .model import Contract, Data, Implementation, Legal, Parties, Pricing, Scope, Sla, Term, Terms
from .money import ZERO, dec_or_zero, money_sum, pct_of, round_money
from .places import country_names, place_names
from .sensitive import sensitive_categories


def build_terms(answers: Mapping[str, Any], *, contract_number: str = "") -> Terms:
    values = read_answers(answers)
    parties_values = values["parties"]
    pricing_block = _pricing(values)
    monthly_fee = pricing_block["monthly_fee"]
    data_values, implementation = values["data"], values["implementation"]
    to_obtain = certifications_to_obtain(
        data_values["security_certifications_required"], parties_values["vendor_certifications"]
    )
    return Terms(
        answers=freeze(answers),
        contract=_contract(parties_values, contract_number),
        parties=Parties(
            **parties_values,
            **_parties(parties_values),
            vendor_certifications_warranted=certifications_warranted(
                parties_values["vendor_certifications"], to_obtain
            ),
        ),
        scope=Scope(**values["scope"]),
        implementation=Implementation(
            **implementation,
            migration_tasks=migration_tasks(
                implementation["migration_owner"] if implementation["migrating"] else None,
                deadline=implementation["go_live_date"] or values["term"]["start_date"],
                earliest=parties_values["effective_date"],
            ),
        ),
        term=Term(**values["term"], **_term(values["term"], parties_values)),
        sla=Sla(**values["sla"], **_sla(values["sla"], monthly_fee)),
        pricing=Pricing(**values["pricing"], **pricing_block),
        data=Data(
            **values["data"],
            pipl_route=pipl_route(
                cross_border=values["data"]["cross_border"],
                cn_individuals_per_year=values["data"]["cn_individuals_per_year"],
                cn_sensitive_per_year=values["data"]["cn_sensitive_per_year"],
                is_ciio=values["data"]["is_ciio"],
            ),
            certifications_to_obtain=to_obtain,
            sensitive_categories=sensitive_categories(
                values["scope"]["modules"], values["scope"]["requirements"], values["scope"]["other_modules"]
            ),
            certification_due=certification_due(
                data_values["certification_deadline"],
                has_implementation=implementation["has_implementation"],
                go_live_date=implementation["go_live_date"],
                start_date=values["term"]["start_date"],
            ),
        ),
        legal=Legal(**values["legal"]),
    )


def _contract(parties: Mapping[str, Any], number: str) -> Contract:
    language = parties["contract_language"]
    prevailing = parties["prevailing_language"] if language == "bilingual" else None
    return Contract(number=number or "", language=language, prevailing_language=prevailing or "zh")


def _parties(parties: Mapping[str, Any]) -> dict[str, Any]:
    place_zh, place_en = place_names(parties["signing_place"], parties["signing_place_en"])
    country_zh, country_en = country_names(parties["vendor_country"])
    foreign = bool(parties["vendor_is_foreign"])
    return {
        # Empty means the usual: a Chinese company seals, a foreign one has no company seal and signs.
        "buyer_seals": parties["buyer_execution"] != "signature",
        "vendor_seals": parties["vendor_execution"] == "seal" or (not parties["vendor_execution"] and not foreign),
        "signing_place_zh": place_zh,
        "signing_place_name_en": place_en,
        "vendor_country_zh": country_zh,
        "vendor_country_en": country_en,
    }


def _term(term: Mapping[str, Any], parties: Mapping[str, Any]) -> dict[str, Any]:
    start, months = term["start_date"], term["initial_term_months"]
    end = dates.initial_term_end(start, months) if start and months is not None else None
    notice = term["non_renewal_notice_days"]
    deadline = (
        dates.non_renewal_deadline(end, notice)
        if term["auto_renew"] and end is not None and notice is not None
        else None
    )
    return {
        "initial_term_end": end,
        "non_renewal_deadline": deadline,
        "effective_date": parties["effective_date"],
    }


def _sla(values: Mapping[str, Any], monthly_fee: Decimal) -> dict[str, Any]:
    target = values["availability_target_pct"]
    cap_pct = values["credit_cap_pct"]
    return {
        "allowed_downtime_minutes_28": sla.allowed_downtime_minutes(target, 28),
        "allowed_downtime_minutes_30": sla.allowed_downtime_minutes(target, 30),
        "allowed_downtime_minutes_31": sla.allowed_downtime_minutes(target, 31),
        "credit_tiers": sla.credit_tiers(values["credit_table"] or (), monthly_fee, values["remedy_form"], cap_pct),
        "credit_cap_amount": None if cap_pct is None else pct_of(monthly_fee, cap_pct),
    }


def _pricing(values: Mapping[str, Any]) -> dict[str, Any]:
    p = values["pricing"]
    legal, impl, term = values["legal"], values["implementation"], values["term"]
    model = p["pricing_model"]
    fees_start = pricing.fees_start_event(
        has_implementation=impl["has_implementation"], recurring_fees_from=impl["recurring_fees_from"]
    )
    fees_start_date = pricing.fees_start_date(
        fees_start,
        start_date=term["start_date"],
        go_live_date=impl["go_live_date"],
        acceptance_end=acceptance_period(
            go_live_date=impl["go_live_date"],
            acceptance_days=impl["acceptance_days"],
            migrating=impl["migrating"],
            parallel_run_days=impl["parallel_run_days"],
        ).deadline,
    )
    term_end = (
        dates.initial_term_end(term["start_date"], term["initial_term_months"])
        if term["start_date"] and term["initial_term_months"] is not None
        else None
    )
    fee_months = pricing.fee_months(fees_start_date, term_end, initial_term_months=term["initial_term_months"])
    model_fee = pricing.model_recurring_fee(
        model,
        seat_count=values["scope"]["seat_count"],
        unit_price_per_seat_year=p["unit_price_per_seat_year"],
        module_lines=[(line.quantity, line.unit_price_year) for line in p["module_prices"] or ()],
        estimated_usage_fee_year=p["estimated_usage_fee_year"],
        licence_fee=p["licence_fee"],
        maintenance_pct=p["maintenance_pct"],
        hosting_fee_year=p["hosting_fee_year"],
    )
    # Add-ons are billed on actual use (pricing.usage_addons): their estimates count in the TCO, a
    # budget, but not in the fees the contract charges, the monthly fee or the caps built on it.
    base = model_fee
    usage_addons_year = money_sum(addon.estimated_fee_year for addon in p["usage_addons"])
    one_time_total = money_sum(fee.amount for fee in p["one_time_fees"])
    if model == "perpetual":
        one_time_total = round_money(one_time_total + dec_or_zero(p["licence_fee"]))
    rate = pricing.escalation_rate(p["escalation_type"], p["escalation_cap_pct"])
    lock = p["price_lock_months"]
    years = pricing.yearly_fees(
        base,
        one_time_total=one_time_total,
        months=fee_months,
        rate=rate,
        price_lock_months=lock,
    )
    waived = (
        pricing.warranty_waiver(
            p["licence_fee"],
            p["maintenance_pct"],
            warranty_months=p["warranty_months"],
            months=fee_months,
        )
        if model == "perpetual"
        else ZERO
    )
    years = pricing.less_in_first_year(years, waived)
    recurring_total = round_money(sum((y.recurring for y in years), ZERO))
    total_contract_value = round_money(one_time_total + recurring_total)
    tco_years = p["tco_years"]
    if tco_years is None:  # the answers.md default, so a preview of an unfinished draft still shows a TCO
        tco_years = pricing.DEFAULT_TCO_YEARS.get(model, pricing.DEFAULT_TCO_YEARS_SUBSCRIPTION)
    foreign = bool(values["parties"]["vendor_is_foreign"])
    gross_up = foreign and bool(p["gross_up"])
    # With gross-up the buyer's outlay is the fees plus the withheld taxes it bears: the TCO is that outlay.
    factor = pricing.withholding_factor(eit_pct=p["withholding_eit_pct"], gross_up=gross_up)
    tco_rows = pricing.tco_by_year(
        base + usage_addons_year, one_time_total=one_time_total, years=tco_years, rate=rate, price_lock_months=lock
    )
    tco_rows = pricing.less_in_first_year(tco_rows, waived)
    if gross_up:
        tco_rows = tuple(
            pricing.YearFee(
                year=row.year,
                recurring=round_money(row.recurring * factor),
                one_time=round_money(row.one_time * factor),
                total=round_money(row.recurring * factor) + round_money(row.one_time * factor),
            )
            for row in tco_rows
        )
    withheld = None
    if foreign:
        withheld = pricing.withholding(total_contract_value, eit_pct=p["withholding_eit_pct"], gross_up=gross_up)
        # A foreign vendor issues no fapiao: the VAT is the 6 % the buyer withholds, on the price it pays.
        vat = pricing.vat_split(withheld.buyer_pays, vat_rate_pct=pricing.FOREIGN_VAT_PCT, tax_inclusive=True)
    else:
        vat = pricing.vat_split(
            total_contract_value, vat_rate_pct=p["vat_rate_pct"], tax_inclusive=bool(p["tax_inclusive"])
        )
    monthly_fee = round_money(base / 12)
    cap_months = legal["liability_cap_months"]
    liability_cap = None if cap_months is None else round_money(cap_months * monthly_fee)
    if liability_cap is not None and model == "perpetual":
        # A perpetual deal's fees are mostly the licence: months of maintenance alone would cap the
        # vendor's liability far below what the buyer pays (liability.cap says "plus the licence fee").
        liability_cap += dec_or_zero(p["licence_fee"])
    multiple = legal["data_breach_supercap_multiple"]
    breach_cap = None if liability_cap is None or multiple is None else round_money(liability_cap * multiple)
    milestones = values["implementation"]["milestones"]
    return {
        "annual_recurring_fee": base,
        "usage_addons_year": usage_addons_year,
        "monthly_fee": monthly_fee,
        "yearly_fees": years,
        "one_time_total": one_time_total,
        "recurring_total": recurring_total,
        "total_contract_value": total_contract_value,
        "tco_by_year": tco_rows,
        "tco_beyond_initial_term": tco_years * 12 > fee_months,
        "fees_start": fees_start,
        "fees_start_date": fees_start_date,
        "fee_months": fee_months,
        "tco_recurring": round_money(sum((row.recurring for row in tco_rows), ZERO)),
        "tco": round_money(sum((row.total for row in tco_rows), ZERO)),
        "vat_net": vat.net,
        "vat_tax": vat.tax,
        "vat_gross": vat.gross,
        "withheld_vat_pct": pricing.FOREIGN_VAT_PCT if foreign else None,
        "withheld_vat": withheld and withheld.vat,
        "withheld_eit": withheld and withheld.eit,
        "vendor_receives": withheld and withheld.vendor_receives,
        "buyer_pays": withheld and withheld.buyer_pays,
        "milestone_payments": pricing.milestone_payments(milestones or (), one_time_total),
        "liability_cap_amount": liability_cap,
        "maintenance_waived": waived if model == "perpetual" else None,
        "breach_cap_amount": breach_cap,
    }
