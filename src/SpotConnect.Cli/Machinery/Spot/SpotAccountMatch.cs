namespace SpotConnect.Spot;

/// <summary>What <see cref="SpotAccountFinder.Find"/> decided: the finding, the account to use (if one), and the accounts it weighed.</summary>
/// <param name="Finding">What was found.</param>
/// <param name="Account">The account to use: set for <see cref="SpotAccountFinding.Given"/>, <see cref="SpotAccountFinding.Recorded"/>, <see cref="SpotAccountFinding.Connected"/> and <see cref="SpotAccountFinding.MadeByStartedCreate"/>.</param>
/// <param name="Candidates">The accounts behind the finding: every connected one, or the unconnected ones of the name.</param>
internal sealed record SpotAccountMatch(SpotAccountFinding Finding, SpotAccount? Account, IReadOnlyList<SpotAccount> Candidates)
{
    /// <summary>Whether SpotConnect created the account (only such an account is ever deleted by it).</summary>
    public bool CreatedBySpotConnect => Finding == SpotAccountFinding.MadeByStartedCreate;

    /// <summary>How the account came to be the AWS account's, as the state records it (<see cref="SpotAccountSources"/>).</summary>
    public string? Source => Finding switch
    {
        SpotAccountFinding.Given => SpotAccountSources.Given,
        SpotAccountFinding.Connected => SpotAccountSources.Connected,
        SpotAccountFinding.MadeByStartedCreate => SpotAccountSources.Created,
        _ => null,
    };
}
