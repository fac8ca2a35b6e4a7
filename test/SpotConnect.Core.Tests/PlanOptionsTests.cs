using System.CommandLine;
using SpotConnect.Cli;

namespace SpotConnect.Tests;

/// <summary>
/// A plan takes every option of its deploy (a job plans with the options it deploys with), read from the command tree
/// itself: a deploy option added without its plan twin fails here.
/// </summary>
public sealed class PlanOptionsTests
{
    [Theory]
    [InlineData("link")]
    [InlineData("org")]
    public void A_plan_takes_every_option_of_its_deploy_and_adds_only_its_output_options(string group)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var root = CliApp.Root(new CliContext(stdout, stderr, Directory.GetCurrentDirectory()), CliServices.Default);
        var command = root.Subcommands.Single(c => c.Name == group);

        var deploy = Names(command.Subcommands.Single(c => c.Name == "deploy"));
        var plan = Names(command.Subcommands.Single(c => c.Name == "plan"));

        Assert.Empty(deploy.Except(plan));
        Assert.Equal(["--fail-on-change", "--json", "--markdown"], plan.Except(deploy).Order(StringComparer.Ordinal));
        Assert.Contains("--replace-role", plan); // accepted, said once in a note (LinkPlanTests, OrgPlanTests)
    }

    /// <summary>Every name and alias of the command's own options.</summary>
    private static string[] Names(Command command) =>
        command.Options.SelectMany(o => o.Aliases.Prepend(o.Name)).Distinct(StringComparer.Ordinal).ToArray();
}
