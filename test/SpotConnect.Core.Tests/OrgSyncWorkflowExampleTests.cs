using System.Text.RegularExpressions;
using SpotConnect.Tests.Support;

namespace SpotConnect.Tests;

/// <summary>The scheduled GitHub Actions example for <c>org sync</c> uses the CLI as it is.</summary>
public sealed partial class OrgSyncWorkflowExampleTests
{
    private static readonly string Workflow = File.ReadAllText(Path.Combine(Repo.Root, "examples", "github-actions", "spot-connect-org-sync.yml"));

    [Theory]
    [InlineData("org sync")]
    [InlineData("org status")]
    [InlineData("org plan")]
    public void Every_option_the_workflow_passes_exists_on_the_command(string command)
    {
        var start = Workflow.IndexOf($"-- {command}", StringComparison.Ordinal);
        Assert.True(start >= 0, $"the workflow runs `spot-connect {command}`");
        var end = new[] { Workflow.IndexOf(" | tee", start, StringComparison.Ordinal), Workflow.IndexOf(" >>", start, StringComparison.Ordinal) }.Where(i => i > 0).Min();
        var used = OptionName().Matches(Workflow[start..end]).Select(m => m.Value).Distinct().ToList();
        Assert.Contains("--state", used);

        var help = CliRunner.Run([.. command.Split(' '), "--help"]);

        Assert.Equal(0, help.ExitCode);
        Assert.All(used, option => Assert.Contains(option, help.StdOut, StringComparison.Ordinal));
    }

    [Fact]
    public void It_runs_on_a_schedule_with_OIDC_lists_the_accounts_and_commits_the_state_back_with_the_token_only_in_the_environment()
    {
        Assert.Matches(@"schedule:\s*\n\s*- cron: ""[0-9*/ ,-]+""", Workflow);
        Assert.Contains("id-token: write", Workflow, StringComparison.Ordinal);
        Assert.Contains("aws organizations list-accounts --output json > accounts.json", Workflow, StringComparison.Ordinal);
        Assert.Contains("--accounts accounts.json", Workflow, StringComparison.Ordinal);
        Assert.Contains("git add spot-org.json", Workflow, StringComparison.Ordinal);
        Assert.Contains("SPOTINST_TOKEN: ${{ secrets.SPOTINST_TOKEN }}", Workflow, StringComparison.Ordinal);
        Assert.DoesNotContain("--token", Workflow.Replace("--token-file", string.Empty, StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Fact]
    public void Pull_requests_get_an_offline_org_plan_in_the_job_summary_that_fails_only_when_asked()
    {
        Assert.Contains("pull_request:", Workflow, StringComparison.Ordinal);
        var plan = Workflow[Workflow.IndexOf("  plan:", StringComparison.Ordinal)..Workflow.IndexOf("  sync:", StringComparison.Ordinal)];
        Assert.Contains("if: github.event_name == 'pull_request'", plan, StringComparison.Ordinal);
        Assert.Contains("org plan", plan, StringComparison.Ordinal);
        Assert.Contains("--markdown >> \"$GITHUB_STEP_SUMMARY\"", plan, StringComparison.Ordinal);
        Assert.Contains("&& '--fail-on-change' || ''", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("SPOTINST_TOKEN", plan, StringComparison.Ordinal);
        Assert.DoesNotContain("id-token: write", plan, StringComparison.Ordinal);
        Assert.Contains("if: github.event_name != 'pull_request'", Workflow, StringComparison.Ordinal);
    }

    [GeneratedRegex("--[a-z][a-z-]+")]
    private static partial Regex OptionName();
}
