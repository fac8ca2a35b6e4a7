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
            if (ReservedNames.FirstOrDefault(r => string.Equals(r, projectName, StringComparison.OrdinalIgnoreCase)) is { } reserved)
            {
                problems.Add(new ValidationProblem("--name", projectName,
                    $"is the id of a package the project builds on ({reserved}): NuGet refuses a project that references a package of its own name. Pass --name with another (e.g. {projectName}Connection).",
                    null));
            }
            else if (!ProjectName().IsMatch(projectName))
            {
                problems.Add(new ValidationProblem("--name", projectName,
                    parse.GetValue(name) is null
                        ? $"the folder's name does not make a C# project name: pass --name, 1-64 characters that start with a letter, then letters, digits, '_' or '.' (e.g. SpotProd)."
                        : "a project name has 1-64 characters that start with a letter, then letters, digits, '_' or '.' (e.g. SpotProd)."));
            }

            var feed = parse.GetValue(source);
            var localFeed = false;
            if (feed is not null)
            {
                // A URL of a feed (http or https), or a folder: a path, or a file: URI, that must exist.
                if (Uri.TryCreate(feed, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https")
                {
                    feed = uri.ToString();
                }
                else if (Directory.Exists(uri is { IsFile: true } ? uri.LocalPath : Path.GetFullPath(feed, context.WorkingDirectory)))
                {
                    feed = uri is { IsFile: true } ? uri.LocalPath : Path.GetFullPath(feed, context.WorkingDirectory);
                    localFeed = true;
                }
                else
                {
                    problems.Add(new ValidationProblem("--source", feed, "a package feed is the URL of a NuGet feed (https://…/index.json) or an existing folder of .nupkg files."));
                }
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
            if (localFeed)
            {
                context.StdOut.WriteLine($"nuget.config names the folder {feed}: a clone elsewhere (CI) needs the packages at that path too, or on a feed it can reach.");
            }

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

            if (!Directory.Exists(target))
            {
                Directory.Move(staging.FullName, target); // (DirectoryInfo.MoveTo would make `staging` name the target)
                return;
            }

            // An empty folder that exists (the current one, say): its entries are moved in one by one, and taken out
            // again if a move fails, so the folder is empty again rather than half-written.
            var moved = new List<FileSystemInfo>();
            try
            {
                foreach (var entry in staging.EnumerateFileSystemInfos().ToArray())
                {
                    var destination = Path.Combine(target, entry.Name);
                    if (entry is DirectoryInfo folder)
                    {
                        folder.MoveTo(destination);
                        moved.Add(new DirectoryInfo(destination));
                    }
                    else
                    {
                        ((FileInfo)entry).MoveTo(destination);
                        moved.Add(new FileInfo(destination));
                    }
                }
            }
            catch
            {
                foreach (var entry in moved)
                {
                    if (entry is DirectoryInfo folder)
                    {
                        folder.Delete(recursive: true);
                    }
                    else
                    {
                        entry.Delete();
                    }
                }

                throw;
            }
        }
        finally
        {
            if (Directory.Exists(staging.FullName))
            {
                Directory.Delete(staging.FullName, recursive: true);
            }
        }
    }

    /// <summary>A C# name from a folder name: its words, each capitalized (spot-prod → SpotProd).</summary>
    internal static string NameFrom(string folder)
    {
        var words = Regex.Split(folder, "[^A-Za-z0-9]+").Where(w => w.Length > 0);
        var name = string.Concat(words.Select(w => char.ToUpperInvariant(w[0]) + w[1..]));
        return name.Length > 0 && char.IsDigit(name[0]) ? "Spot" + name : name;
    }

    /// <summary>Ids of packages a generated project builds on: a project of one of these names would reference itself.</summary>
    private static readonly string[] ReservedNames = ["SpotConnect", "SpotConnect.Core", "SpotConnect.Cli", "Amazon.CDK.Lib", "Amazon.JSII.Runtime", "Constructs", "Polly.Core", "xunit", "Microsoft.NET.Test.Sdk"];

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_.]{0,63}$")]
    private static partial Regex ProjectName();
}
