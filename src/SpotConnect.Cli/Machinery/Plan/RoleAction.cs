namespace SpotConnect.Plan;

/// <summary>What a deploy does to the role.</summary>
internal enum RoleAction
{
    /// <summary>Nothing.</summary>
    None,

    /// <summary>Creates it (nothing recorded).</summary>
    Create,

    /// <summary>Updates it in place (boundary, tags): the ARN stays.</summary>
    Update,

    /// <summary>Replaces it: a new role with a new ARN; Spot loses access until the new ARN is registered.</summary>
    Replace,
}
