namespace SpotConnect.Spot;

/// <summary>
/// How SpotConnect came to use a Spot account, as the state files record it (<c>spotAccountSource</c>). Only a
/// <see cref="Created"/> account is ever deleted by <c>link disconnect</c> or <c>org prune</c>.
/// </summary>
internal static class SpotAccountSources
{
    /// <summary>SpotConnect created it (also when the create's answer was lost and the account was found afterwards).</summary>
    public const string Created = "created";

    /// <summary>Spot already had it connected to this AWS account (<c>providerExternalId</c>) before SpotConnect.</summary>
    public const string Connected = "connected";

    /// <summary>An unconnected account of the name SpotConnect gives, found in Spot's list and taken instead of creating one (not known to be SpotConnect's).</summary>
    public const string Adopted = "adopted";

    /// <summary>Given by the user (<c>link prepare --spot-account</c>).</summary>
    public const string Given = "given";

    /// <summary>Why an account that SpotConnect did not create is kept, for tables and messages.</summary>
    /// <param name="source">The recorded source, or <see langword="null"/> for a state written before it was recorded.</param>
    public static string KeptBecause(string? source) => source switch
    {
        Connected => "not created by SpotConnect: it was already connected to this AWS account",
        Adopted => "not created by SpotConnect: adopted (an unconnected account of the same name found in Spot)",
        Given => "not created by SpotConnect: given with --spot-account",
        _ => "not created by SpotConnect (pre-existing, connected or adopted)",
    };
}
