namespace SpotConnect.Settings;

/// <summary>
/// Where a user gives a setting. Each surface names settings its own way, and every message uses that name:
/// props names in the library (<c>RoleName</c>), context keys in the CDK app (<c>spot:roleName</c>), options in
/// the CLI (<c>--role-name</c>).
/// </summary>
public enum SettingSurface
{
    /// <summary>Construct props: <see cref="Setting.Property"/>.</summary>
    Props,

    /// <summary>CDK context of the app, with environment-variable fallbacks: <see cref="Setting.ContextKey"/>.</summary>
    Context,

    /// <summary>The <c>spot-connect</c> command line: <see cref="Setting.CliOption"/>.</summary>
    Cli,
}
