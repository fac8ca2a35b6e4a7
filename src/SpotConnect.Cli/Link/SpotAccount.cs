namespace SpotConnect.Cli.Link;

/// <summary>A Spot account (<c>act-…</c>) as the <c>/setup/account</c> endpoints describe it.</summary>
/// <param name="Id">The Spot account id.</param>
/// <param name="Name">Its name (not unique).</param>
/// <param name="ConnectedAwsAccountId">The AWS account connected to it (<c>providerExternalId</c>), if any.</param>
internal sealed record SpotAccount(string Id, string Name, string? ConnectedAwsAccountId);

/// <summary>An external id Spot issued for an account.</summary>
/// <param name="Value">The external id.</param>
/// <param name="ValidUntil">Until when an unused id is valid, when Spot says.</param>
internal sealed record ExternalIdGrant(string Value, DateTimeOffset? ValidUntil);
