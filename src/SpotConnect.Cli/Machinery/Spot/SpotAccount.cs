namespace SpotConnect.Spot;

/// <summary>A Spot account (<c>act-…</c>) as the <c>/setup/account</c> endpoints describe it.</summary>
/// <param name="Id">The Spot account id.</param>
/// <param name="Name">Its name (not unique).</param>
/// <param name="ConnectedAwsAccountId">The AWS account connected to it (<c>providerExternalId</c>), if any.</param>
/// <param name="CreatedAt">When Spot created it (<c>createdAt</c> in the list), when Spot says.</param>
internal sealed record SpotAccount(string Id, string Name, string? ConnectedAwsAccountId, DateTimeOffset? CreatedAt = null);
