namespace SpotConnect.Spot;

/// <summary>What Spot says about the role it holds for an account.</summary>
/// <param name="Known">Whether Spot could tell (the read is not part of Spot's published API; a server may not offer it).</param>
/// <param name="RoleArn">The role Spot holds, or <see langword="null"/> when none (or not known).</param>
internal sealed record RoleLookup(bool Known, string? RoleArn)
{
    /// <summary>Spot could not tell (the read answered 404 or 405).</summary>
    public static RoleLookup Unknown { get; } = new(false, null);
}
