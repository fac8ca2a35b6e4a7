namespace SpotConnect.Spot;

/// <summary>An external id Spot issued for an account.</summary>
/// <param name="Value">The external id.</param>
/// <param name="ValidUntil">Until when an unused id is valid, when Spot says.</param>
internal sealed record ExternalIdGrant(string Value, DateTimeOffset? ValidUntil);
