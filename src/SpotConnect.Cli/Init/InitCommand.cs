using System.CommandLine;
using System.Text.RegularExpressions;
using SpotConnect.Cli.Project;
using SpotConnect.IO;
using SpotConnect.Validation;

namespace SpotConnect.Cli.Init;

/// <summary>
/// <c>spot-connect init [DIR] [--org] [--name NAME] [--source FEED]</c>: writes a new connection repository the user owns
/// and commits (<see cref="ProjectTemplate"/>), offline. A folder that is not empty is refused, naming what is there:
/// nothing is ever overwritten, and nothing is left half-written (the files go to a temporary folder beside it first).
/// </summary>
internal static partial class InitCommand
{
    public static Command Create(CliContext context)
    {
        var directory = new Argument<string>("DIR") { Description = "The folder to write the repository into: new, or empty (default: the current folder).", DefaultValueFactory = _ => "." };
        var org = new Option<bool>("--org") { Description = "A whole AWS Organization (SpotOrgStack through StackSets, `org sync` nightly) instead of one account." };
        var name = new Option<string?>("--name") { Description = "The C# name of the app and test projects (default: from the folder's name, e.g. spot-prod → SpotProd).", HelpName = "NAME" };
        var source = new Option<string?>("--source") { Description = "A package feed (folder or URL) to add in nuget.config, for SpotConnect packages not on nuget.org.", HelpName = "FEED" };
        var command = new Command("init", "Write a new Spot connection repository you own: a CDK app on the SpotConnect package with its tests, cdk.json with the connection's settings, the CDK CLI and spot-connect pinned to this version, GitHub Actions workflows and a README. Offline; refuses a folder that is not empty.")
        {
            directory, org, name, source,
        };
        command.SetAction(parse =>
        {
            var target = Path.GetFullPath(parse.GetValue(directory)!, context.WorkingDirectory);
            var problems = new List<ValidationProblem>();
            var projectName = parse.GetValue(name) ?? NameFrom(Path.GetFileName(target.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar)));
            if (!ProjectName().IsMatch(projectName))
            {
                problems.Add(new ValidationProblem("--name", projectName,
                    parse.GetValue(name) is null
                        ? $"the folder's name does not make a C# project name: pass --name, 1-64 characters that start with a letter, then letters, digits, '_' or '.' (e.g. SpotProd)."
                        : "a project name has 1-64 characters that start with a letter, then letters, digits, '_' or '.' (e.g. SpotProd)."));
            }

            var feed = parse.GetValue(source);
            if (feed is not null && !Uri.TryCreate(feed, UriKind.Absolute, out _) && !Directory.Exists(Path.GetFullPath(feed, context.WorkingDirectory)))
            {
                problems.Add(new ValidationProblem("--source", feed, "a package feed is a URL (https://…/index.json) or an existing folder of .nupkg files."));
            }
            else if (feed is not null && !Uri.TryCreate(feed, UriKind.Absolute, out _))
            {
                feed = Path.GetFullPath(feed, context.WorkingDirectory);
            }

            if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray() is { Length: > 0 } present)
            {
                var shown = string.Join(", ", present.Take(5)) + (present.Length > 5 ? $" and {present.Length - 5} more" : string.Empty);
                problems.Add(new ValidationProblem("DIR", target, $"must be new or empty, so nothing is overwritten; it holds {shown}. Choose another folder."));
            }
            else if (File.Exists(target))
            {
                problems.Add(new ValidationProblem("DIR", target, "is a file: give a folder (new or empty)."));
            }

            if (problems.Count > 0)
            {
                throw new SpotConnectValidationException(problems);
            }

            var files = ProjectTemplate.Files(projectName, parse.GetValue(org), feed);
            Write(target, files);
            var kind = parse.GetValue(org) ? "organization" : "link";
            var relative = Path.GetRelativePath(context.WorkingDirectory, target);
            context.StdOut.WriteLine($"Wrote a Spot {kind} repository ({files.Count} files, SpotConnect {SpotProject.ToolVersion}) in {target}.");
            context.StdOut.WriteLine("Next:");
            if (relative != ".")
            {
                context.StdOut.WriteLine($"  cd {relative}");
            }

            context.StdOut.WriteLine("  git init && git add -A && git commit -m \"Spot connection\"");
            context.StdOut.WriteLine("  npm run synth && npm test");
            context.StdOut.WriteLine(parse.GetValue(org)
                ? "  dotnet tool restore && dotnet tool run spot-connect org sync --accounts accounts.json --target-ou <ou-…|r-…>"
                : "  dotnet tool restore && dotnet tool run spot-connect link");
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Writes every file into a temporary folder beside <paramref name="target"/>, then moves them in: a failure leaves nothing half-written.</summary>
    private static void Write(string target, IReadOnlyList<(string Path, string Content)> files)
    {
        var parent = Path.GetDirectoryName(target) ?? target;
        Directory.CreateDirectory(parent);
        var staging = Directory.CreateDirectory(Path.Combine(parent, $".spot-connect-init-{Guid.NewGuid():N}"));
        try
        {
            foreach (var (path, content) in files)
            {
                var full = Path.Combine(staging.FullName, path.Replace('/', Path.DirectorySeparatorChar));
                Directory.CreateDirectory(Path.GetDirectoryName(full)!);
                File.WriteAllText(full, content.ReplaceLineEndings("\n"));
                if (path.EndsWith(".mjs", StringComparison.Ordinal) && !OperatingSystem.IsWindows())
                {
                    File.SetUnixFileMode(full, File.GetUnixFileMode(full) | UnixFileMode.UserExecute);
                }
            }

            if (Directory.Exists(target))
            {
                foreach (var entry in staging.EnumerateFileSystemInfos())
                {
                    var destination = Path.Combine(target, entry.Name);
                    if (entry is DirectoryInfo folder)
                    {
                        folder.MoveTo(destination);
                    }
                    else
                    {
                        ((FileInfo)entry).MoveTo(destination);
                    }
                }

                staging.Delete(recursive: true);
            }
            else
            {
                staging.MoveTo(target);
            }
        }
        catch
        {
            if (staging.Exists)
            {
                staging.Delete(recursive: true);
            }

            throw;
        }
    }

    /// <summary>A C# name from a folder name: its words, each capitalized (spot-prod → SpotProd).</summary>
    internal static string NameFrom(string folder)
    {
        var words = Regex.Split(folder, "[^A-Za-z0-9]+").Where(w => w.Length > 0);
        var name = string.Concat(words.Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
        return name.Length > 0 && char.IsDigit(name[0]) ? "Spot" + name : name;
    }

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_.]{0,63}$")]
    private static partial Regex ProjectName();
}
