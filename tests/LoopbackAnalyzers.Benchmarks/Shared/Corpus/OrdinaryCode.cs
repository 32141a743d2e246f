using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace LoopbackAnalyzers.Benchmarks.Shared.Corpus
{
    /// <summary>
    /// Templates of everyday application code: entities with properties, services with LINQ, async methods,
    /// string handling and collections, static helpers, and test classes over them. No networking APIs at all;
    /// URLs appear only inside ordinary strings and log messages.
    /// </summary>
    internal static class OrdinaryCode
    {
        private static readonly (string Type, string Name, string Initial, string Display)[] ExtraProperties =
        {
            ("int", "Quantity", "0", "{Quantity}"),
            ("string?", "Description", "null", "{Description ?? \"-\"}"),
            ("bool", "IsActive", "true", "{(IsActive ? \"active\" : \"inactive\")}"),
            ("DateTime?", "DueDate", "null", "{DueDate:yyyy-MM-dd}"),
            ("double", "Ratio", "1.0", "{Ratio:0.###}"),
            ("long", "Sequence", "0", "#{Sequence}"),
            ("string", "Code", "string.Empty", "{Code}"),
            ("int", "Priority", "0", "p{Priority}"),
            ("decimal", "Discount", "0m", "-{Discount:0.00}"),
            ("Guid?", "ParentId", "null", "{ParentId}"),
            ("TimeSpan", "Duration", "TimeSpan.Zero", "{Duration.TotalMinutes:0}min"),
            ("string", "Region", "\"eu-west\"", "{Region}"),
        };

        // ── Entities ────────────────────────────────────────────────────────────────────────────────────
        private static readonly string[] EntitySnippets =
        {
            """
            public double Score%N%(double weight)
            {
                var baseScore = (double)Amount * weight;
                var tagBonus = _tags.Count * %K%.5;
                return Status switch
                {
                    %E%Status.Active => baseScore + tagBonus,
                    %E%Status.Suspended => baseScore / 2,
                    %E%Status.Archived => 0,
                    _ => baseScore,
                };
            }
            """,
            """
            public IReadOnlyList<string> NormalizedTags%N%() =>
                _tags.Select(tag => tag.Trim().ToLowerInvariant())
                    .Where(tag => tag.Length > %K%)
                    .Distinct(StringComparer.Ordinal)
                    .OrderBy(tag => tag, StringComparer.Ordinal)
                    .ToList();
            """,
            """
            public IEnumerable<string> Validate%N%()
            {
                if (string.IsNullOrWhiteSpace(Name))
                {
                    yield return "Name is required.";
                }

                if (Amount < 0m)
                {
                    yield return $"Amount {Amount} must not be negative.";
                }

                if (Name.Length > %K%0)
                {
                    yield return $"Name '{Name}' is longer than %K%0 characters.";
                }
            }
            """,
            """
            public decimal Total%N%(int quantity, decimal taxRate)
            {
                if (quantity <= 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(quantity), quantity, "Quantity must be positive.");
                }

                var net = Amount * quantity;
                var tax = Math.Round(net * taxRate, 2, MidpointRounding.AwayFromZero);
                return net + tax;
            }
            """,
            """
            public bool Matches%N%(string query)
            {
                if (string.IsNullOrEmpty(query))
                {
                    return true;
                }

                return Name.Contains(query, StringComparison.OrdinalIgnoreCase) ||
                       _tags.Any(tag => tag.StartsWith(query, StringComparison.OrdinalIgnoreCase));
            }
            """,
            """
            public %E% CopyWith%N%(string? name = null, decimal? amount = null)
            {
                var copy = new %E%(Guid.NewGuid(), name ?? Name, amount ?? Amount) { Status = Status };
                foreach (var tag in _tags)
                {
                    copy.AddTag(tag);
                }

                return copy;
            }
            """,
            """
            public string Initials%N%()
            {
                var words = Name.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                var chars = new char[Math.Min(words.Length, %K%)];
                for (var i = 0; i < chars.Length; i++)
                {
                    chars[i] = char.ToUpperInvariant(words[i][0]);
                }

                return new string(chars);
            }
            """,
            """
            public void Transition%N%(%E%Status next)
            {
                var allowed = (Status, next) switch
                {
                    (%E%Status.Draft, %E%Status.Active) => true,
                    (%E%Status.Active, %E%Status.Suspended) => true,
                    (%E%Status.Suspended, %E%Status.Active) => true,
                    (_, %E%Status.Archived) => true,
                    _ => false,
                };
                if (!allowed)
                {
                    throw new InvalidOperationException($"Cannot move {Name} from {Status} to {next}.");
                }

                Status = next;
            }
            """,
            """
            public int CompareByAmount%N%(%E%? other)
            {
                if (other is null)
                {
                    return 1;
                }

                var byAmount = Amount.CompareTo(other.Amount);
                return byAmount != 0 ? byAmount : string.Compare(Name, other.Name, StringComparison.Ordinal);
            }
            """,
            """
            public IDictionary<string, string> ToProperties%N%() => new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["id"] = Id.ToString("D"),
                ["name"] = Name,
                ["amount"] = Amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture),
                ["status"] = Status.ToString(),
                ["tags"] = string.Join(";", _tags),
                ["created"] = CreatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
            };
            """,
        };

        // ── Services ────────────────────────────────────────────────────────────────────────────────────
        private const string ServiceCore = """
            public int Count => _items.Count;

            public void Add(%E% item)
            {
                ArgumentNullException.ThrowIfNull(item);
                if (!_items.TryAdd(item.Id, item))
                {
                    throw new InvalidOperationException($"Duplicate %L% item {item.Id}.");
                }

                _log.Info($"Added {item.Name}; see https://portal.contoso.example/%L%/{item.Id:N}");
            }

            public IReadOnlyList<%E%Summary> Summaries(int minTags) =>
                _items.Values
                    .Where(item => item.Tags.Count >= minTags)
                    .OrderBy(item => item.Name, StringComparer.Ordinal)
                    .Select(item => new %E%Summary(item.Id, item.Name, item.Amount, item.Tags.Count))
                    .ToList();

            public async Task<int> ImportAsync(IEnumerable<string> lines, CancellationToken cancellationToken)
            {
                var imported = 0;
                foreach (var line in lines)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var parts = line.Split(';', StringSplitOptions.TrimEntries);
                    if (parts.Length < 2 || !decimal.TryParse(parts[1], System.Globalization.NumberStyles.Number, System.Globalization.CultureInfo.InvariantCulture, out var amount))
                    {
                        _log.Warn($"Skipping malformed line '{line}'");
                        continue;
                    }

                    Add(new %E%(Guid.NewGuid(), parts[0], amount));
                    imported++;
                    if (imported % 100 == 0)
                    {
                        await Task.Yield();
                    }
                }

                return imported;
            }

            public string Report()
            {
                var builder = new System.Text.StringBuilder();
                builder.AppendLine("# %E% report");
                foreach (var item in _items.Values.OrderByDescending(item => item.Amount).Take(%K%0))
                {
                    builder.Append("- ").Append(item.Name).Append(": ").AppendLine(item.Amount.ToString("0.00", System.Globalization.CultureInfo.InvariantCulture));
                }

                builder.AppendLine($"Generated {_clock.UtcNow:u}; docs at http://docs.contoso.example/%L%/reports");
                return builder.ToString();
            }

            public static string Classify(%E% item) => item.Amount switch
            {
                < 0m => "refund",
                0m => "free",
                < 100m => "small",
                < 1000m => "medium",
                _ => "large",
            };
            """;

        private static readonly string[] ServiceSnippets =
        {
            """
            public Dictionary<string, decimal> TotalsByTag%N%() =>
                _items.Values
                    .SelectMany(item => item.Tags.Select(tag => (Tag: tag, item.Amount)))
                    .GroupBy(pair => pair.Tag, StringComparer.OrdinalIgnoreCase)
                    .ToDictionary(group => group.Key, group => group.Sum(pair => pair.Amount), StringComparer.OrdinalIgnoreCase);
            """,
            """
            public async Task<%E%?> FindAsync%N%(string name, CancellationToken cancellationToken)
            {
                await Task.Delay(%K%, cancellationToken).ConfigureAwait(false);
                return _items.Values.FirstOrDefault(item => string.Equals(item.Name, name, StringComparison.OrdinalIgnoreCase));
            }
            """,
            """
            public IReadOnlyList<%E%> Page%N%(int page, int size)
            {
                if (page < 1)
                {
                    throw new ArgumentOutOfRangeException(nameof(page), page, "Pages start at 1.");
                }

                return _items.Values
                    .OrderBy(item => item.CreatedAt)
                    .ThenBy(item => item.Id)
                    .Skip((page - 1) * size)
                    .Take(size)
                    .ToList();
            }
            """,
            """
            public bool TryRemove%N%(Guid id)
            {
                try
                {
                    if (!_items.Remove(id, out var removed))
                    {
                        _log.Warn($"No %L% item {id}; GET https://api.contoso.example/%L%/{id} returned 404");
                        return false;
                    }

                    _log.Info($"Removed {removed.Name} at {_clock.UtcNow:O}");
                    return true;
                }
                catch (InvalidOperationException exception)
                {
                    _log.Error($"Could not remove {id}", exception);
                    return false;
                }
            }
            """,
            """
            public (int Processed, decimal Total) Process%N%(Func<%E%, bool> filter)
            {
                var processed = 0;
                var total = 0m;
                foreach (var item in _items.Values)
                {
                    if (!filter(item))
                    {
                        continue;
                    }

                    processed++;
                    total += Adjust(item.Amount);
                }

                return (processed, total);

                static decimal Adjust(decimal amount) => amount > %K%00m ? amount * 0.9m : amount;
            }
            """,
            """
            public async Task<IReadOnlyDictionary<Guid, string>> DescribeAll%N%Async(CancellationToken cancellationToken)
            {
                var tasks = _items.Values.Select(async item =>
                {
                    await Task.Yield();
                    cancellationToken.ThrowIfCancellationRequested();
                    return (item.Id, Text: $"{item.Name}: {item.Amount:0.00} [{string.Join(", ", item.Tags)}]");
                });
                var results = await Task.WhenAll(tasks).ConfigureAwait(false);
                return results.ToDictionary(result => result.Id, result => result.Text);
            }
            """,
            """
            public string ExportCsv%N%()
            {
                var lines = new List<string> { "id,name,amount,status" };
                foreach (var item in _items.Values.OrderBy(item => item.Name, StringComparer.OrdinalIgnoreCase))
                {
                    var name = item.Name.Contains(',') ? "\"" + item.Name.Replace("\"", "\"\"") + "\"" : item.Name;
                    lines.Add(string.Join(",", item.Id.ToString("N"), name, item.Amount.ToString(System.Globalization.CultureInfo.InvariantCulture), item.Status.ToString()));
                }

                return string.Join(Environment.NewLine, lines);
            }
            """,
            """
            public int ReadLimit%N%(int fallback)
            {
                var raw = Environment.GetEnvironmentVariable("%U%_LIMIT_%N%");
                return int.TryParse(raw, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var value) && value > 0
                    ? value
                    : fallback;
            }
            """,
            """
            public static string Describe%N%(object? value) => value switch
            {
                null => "nothing",
                %E% item when item.Amount > %K%00m => $"large {item.Name}",
                %E% item => item.Name,
                string text when text.Length == 0 => "empty text",
                string text => text,
                int number => number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                IEnumerable<%E%> many => $"{many.Count()} items",
                _ => value.ToString() ?? string.Empty,
            };
            """,
            """
            public IReadOnlyList<IGrouping<%E%Status, %E%>> ByStatus%N%() =>
                _items.Values
                    .GroupBy(item => item.Status)
                    .OrderBy(group => group.Key)
                    .ToList();
            """,
            """
            public async IAsyncEnumerable<%E%> Stream%N%Async([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
            {
                foreach (var item in _items.Values.ToArray())
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (item.Status == %E%Status.Archived)
                    {
                        continue;
                    }

                    await Task.Yield();
                    yield return item;
                }
            }
            """,
            """
            public decimal Percentile%N%(double percentile)
            {
                var amounts = _items.Values.Select(item => item.Amount).OrderBy(amount => amount).ToArray();
                if (amounts.Length == 0)
                {
                    return 0m;
                }

                var rank = (int)Math.Ceiling(percentile / 100.0 * amounts.Length) - 1;
                return amounts[Math.Clamp(rank, 0, amounts.Length - 1)];
            }
            """,
            """
            public void Archive%N%(TimeSpan olderThan)
            {
                var cutoff = _clock.UtcNow - olderThan;
                var stale = _items.Values.Where(item => item.CreatedAt < cutoff && item.Status != %E%Status.Archived).ToList();
                foreach (var item in stale)
                {
                    item.Status = %E%Status.Archived;
                }

                _log.Info($"Archived {stale.Count} %L% items older than {olderThan.TotalDays:0} days");
            }
            """,
            """
            public string Fingerprint%N%()
            {
                var hash = 17;
                foreach (var item in _items.Values.OrderBy(item => item.Id))
                {
                    hash = unchecked(hash * 31 + item.Id.GetHashCode());
                    hash = unchecked(hash * 31 + item.Amount.GetHashCode());
                }

                return hash.ToString("X8", System.Globalization.CultureInfo.InvariantCulture);
            }
            """,
        };

        // ── Static helpers ──────────────────────────────────────────────────────────────────────────────
        private static readonly string[] UtilitySnippets =
        {
            """
            public static string Slugify%N%(this string text)
            {
                var builder = new System.Text.StringBuilder(text.Length);
                var dash = false;
                foreach (var c in text.Trim().ToLowerInvariant())
                {
                    if (char.IsLetterOrDigit(c))
                    {
                        builder.Append(c);
                        dash = false;
                    }
                    else if (!dash && builder.Length > 0)
                    {
                        builder.Append('-');
                        dash = true;
                    }
                }

                return builder.ToString().TrimEnd('-');
            }
            """,
            """
            public static string Truncate%N%(this string text, int length, string ellipsis = "...")
            {
                if (length < ellipsis.Length)
                {
                    throw new ArgumentOutOfRangeException(nameof(length));
                }

                return text.Length <= length ? text : string.Concat(text.AsSpan(0, length - ellipsis.Length), ellipsis);
            }
            """,
            """
            public static IReadOnlyList<string> SplitCsvLine%N%(string line)
            {
                var fields = new List<string>();
                var current = new System.Text.StringBuilder();
                var quoted = false;
                for (var i = 0; i < line.Length; i++)
                {
                    var c = line[i];
                    if (quoted)
                    {
                        if (c == '"' && i + 1 < line.Length && line[i + 1] == '"')
                        {
                            current.Append('"');
                            i++;
                        }
                        else if (c == '"')
                        {
                            quoted = false;
                        }
                        else
                        {
                            current.Append(c);
                        }
                    }
                    else if (c == ',')
                    {
                        fields.Add(current.ToString());
                        current.Clear();
                    }
                    else if (c == '"')
                    {
                        quoted = true;
                    }
                    else
                    {
                        current.Append(c);
                    }
                }

                fields.Add(current.ToString());
                return fields;
            }
            """,
            """
            public static IEnumerable<IReadOnlyList<T>> Batch%N%<T>(this IEnumerable<T> source, int size)
            {
                var batch = new List<T>(size);
                foreach (var item in source)
                {
                    batch.Add(item);
                    if (batch.Count == size)
                    {
                        yield return batch;
                        batch = new List<T>(size);
                    }
                }

                if (batch.Count > 0)
                {
                    yield return batch;
                }
            }
            """,
            """
            public static TimeSpan ParseDuration%N%(string text)
            {
                var total = TimeSpan.Zero;
                var number = 0;
                foreach (var c in text)
                {
                    if (char.IsDigit(c))
                    {
                        number = number * 10 + (c - '0');
                        continue;
                    }

                    total += c switch
                    {
                        'd' => TimeSpan.FromDays(number),
                        'h' => TimeSpan.FromHours(number),
                        'm' => TimeSpan.FromMinutes(number),
                        's' => TimeSpan.FromSeconds(number),
                        _ => throw new FormatException($"Unknown unit '{c}' in '{text}'."),
                    };
                    number = 0;
                }

                return total;
            }
            """,
            """
            public static int Distance%N%(string a, string b)
            {
                var costs = new int[a.Length + 1, b.Length + 1];
                for (var i = 0; i <= a.Length; i++)
                {
                    costs[i, 0] = i;
                }

                for (var j = 0; j <= b.Length; j++)
                {
                    costs[0, j] = j;
                }

                for (var i = 1; i <= a.Length; i++)
                {
                    for (var j = 1; j <= b.Length; j++)
                    {
                        var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                        costs[i, j] = Math.Min(Math.Min(costs[i - 1, j] + 1, costs[i, j - 1] + 1), costs[i - 1, j - 1] + cost);
                    }
                }

                return costs[a.Length, b.Length];
            }
            """,
            """
            public static Dictionary<string, string> ParsePairs%N%(string text, char separator = ';')
            {
                var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
                foreach (var pair in text.Split(separator, StringSplitOptions.RemoveEmptyEntries))
                {
                    var equals = pair.IndexOf('=');
                    if (equals <= 0)
                    {
                        continue;
                    }

                    result[pair[..equals].Trim()] = pair[(equals + 1)..].Trim();
                }

                return result;
            }
            """,
            """
            public static uint Checksum%N%(string text)
            {
                var bytes = System.Text.Encoding.UTF8.GetBytes(text);
                uint a = 1, b = 0;
                foreach (var value in bytes)
                {
                    a = (a + value) % 65521;
                    b = (b + a) % 65521;
                }

                return (b << 16) | a;
            }
            """,
            """
            public static string LinkTo%N%(string path, IReadOnlyDictionary<string, string>? query = null)
            {
                var link = "https://portal.contoso.example/%L%/" + path.TrimStart('/');
                if (query is null || query.Count == 0)
                {
                    return link;
                }

                return link + "?" + string.Join("&", query.Select(pair => $"{Uri.EscapeDataString(pair.Key)}={Uri.EscapeDataString(pair.Value)}"));
            }
            """,
            """
            public static T? MaxByOrDefault%N%<T, TKey>(this IEnumerable<T> source, Func<T, TKey> key)
                where TKey : IComparable<TKey>
            {
                var found = false;
                T? best = default;
                TKey? bestKey = default;
                foreach (var item in source)
                {
                    var candidate = key(item);
                    if (!found || candidate.CompareTo(bestKey!) > 0)
                    {
                        found = true;
                        best = item;
                        bestKey = candidate;
                    }
                }

                return best;
            }
            """,
        };

        // ── Tests ───────────────────────────────────────────────────────────────────────────────────────
        private static readonly string[] TestSnippets =
        {
            """
            [Fact]
            public void Rename_changes_the_name_%N%()
            {
                var item = Create();
                item.Rename("renamed %K%");
                Assert.Equal("renamed %K%", item.Name);
            }
            """,
            """
            [Fact]
            public async Task Import_skips_malformed_lines_%N%()
            {
                var service = new %E%Service(new ConsoleLog(), new SystemClock());
                var count = await service.ImportAsync(new[] { "first;1", "broken", "second;2.5", "third;x" }, CancellationToken.None);
                Assert.Equal(2, count);
                Assert.Equal(2, service.Count);
            }
            """,
            """
            [Theory]
            [InlineData(-1, "refund")]
            [InlineData(0, "free")]
            [InlineData(50, "small")]
            [InlineData(%K%000, "large")]
            public void Classify_buckets_amounts_%N%(int amount, string expected)
            {
                var item = Create(amount: amount);
                Assert.Equal(expected, %E%Service.Classify(item));
            }
            """,
            """
            [Fact]
            public void Log_line_mentions_the_local_endpoint_%N%()
            {
                var line = "GET http://localhost:%K%000/api/%L% returned 200 in 12 ms";
                Assert.Contains("localhost", line);
                Assert.True(line.StartsWith("GET ", StringComparison.Ordinal));
            }
            """,
            """
            [Fact]
            public void Report_lists_items_%N%()
            {
                var service = new %E%Service(new ConsoleLog(), new SystemClock());
                service.Add(Create("alpha", 10m));
                service.Add(Create("beta", 20m));
                var report = service.Report();
                Assert.Contains("alpha", report);
                Assert.Contains("beta", report);
            }
            """,
            """
            [Fact]
            public void Tags_are_normalized_%N%()
            {
                var item = Create();
                item.AddTag("  Red ");
                item.AddTag("red");
                Assert.Equal(1, item.Tags.Count);
                Assert.Equal("red", item.Tags[0]);
            }
            """,
            """
            [Fact]
            public void Summaries_filter_by_tag_count_%N%()
            {
                var service = new %E%Service(new ConsoleLog(), new SystemClock());
                var tagged = Create("tagged");
                tagged.AddTag("one");
                service.Add(tagged);
                service.Add(Create("plain"));
                var summaries = service.Summaries(1);
                Assert.Equal(1, summaries.Count);
                Assert.Equal("tagged", summaries[0].Name);
            }
            """,
        };

        public static CorpusFile Entity(string path, string area, string entity, Prng random)
        {
            var w = new CodeWriter(path);
            w.Line($"namespace Corpus.{area};");
            w.Line();
            w.Line("using Corpus.Common;");
            w.Line();
            EntityTypes(w, area, entity, random, minSnippets: 1, maxSnippets: 6);
            return w.ToFile(CorpusFileKind.Ordinary);
        }

        /// <summary>The entity class, its status enum and its summary record.</summary>
        public static void EntityTypes(CodeWriter w, string area, string entity, Prng random, int minSnippets, int maxSnippets)
        {
            var tokens = Tokens(area, entity);
            w.Line($"/// <summary>A {Words(entity)} of the {area.ToLowerInvariant()} area.</summary>");
            w.Open($"public sealed class {entity}");
            w.Line("private readonly List<string> _tags = new();");
            w.Line();
            w.Open($"public {entity}(Guid id, string name, decimal amount)");
            w.Line("Id = id;");
            w.Line("Name = Guard.NotEmpty(name, nameof(name));");
            w.Line("Amount = amount;");
            w.Line("CreatedAt = DateTimeOffset.UtcNow;");
            w.Close();
            w.Line();
            w.Line("public Guid Id { get; }");
            w.Line();
            w.Line("public string Name { get; private set; }");
            w.Line();
            w.Line("public decimal Amount { get; set; }");
            w.Line();
            w.Line("public DateTimeOffset CreatedAt { get; }");
            w.Line();
            w.Line($"public {entity}Status Status {{ get; set; }} = {entity}Status.Draft;");
            w.Line();
            w.Line("public IReadOnlyList<string> Tags => _tags;");
            var extras = random.Sample(ExtraProperties, random.Between(2, 8));
            foreach (var (type, name, initial, _) in extras)
            {
                w.Line();
                w.Line($"public {type} {name} {{ get; set; }} = {initial};");
            }

            w.Line();
            w.Line("public void Rename(string name) => Name = Guard.NotEmpty(name, nameof(name));");
            w.Line();
            w.Open("public void AddTag(string tag)");
            w.Open("if (string.IsNullOrWhiteSpace(tag))");
            w.Line("throw new ArgumentException(\"A tag must not be empty.\", nameof(tag));");
            w.Close();
            w.Line();
            w.Line("var normalized = tag.Trim().ToLowerInvariant();");
            w.Open("if (!_tags.Contains(normalized))");
            w.Line("_tags.Add(normalized);");
            w.Close();
            w.Close();
            Snippets(w, EntitySnippets, random.Between(minSnippets, maxSnippets), random, tokens);
            w.Line();
            var display = string.Join(" ", extras.Select(extra => extra.Display));
            w.Line($"public override string ToString() => $\"{{nameof({entity})}} {{Name}} ({{Id:N}}) {{Amount:0.00}} {display}\";");
            w.Line();
            w.Line($"public override bool Equals(object? obj) => obj is {entity} other && other.Id == Id;");
            w.Line();
            w.Line("public override int GetHashCode() => Id.GetHashCode();");
            w.Close();
            w.Line();
            w.Line($"public enum {entity}Status");
            w.Line("{");
            w.Line("    Draft,");
            w.Line("    Active,");
            w.Line("    Suspended,");
            w.Line("    Archived,");
            w.Line("}");
            w.Line();
            w.Line($"public sealed record {entity}Summary(Guid Id, string Name, decimal Amount, int TagCount);");
        }

        public static CorpusFile Service(string path, string area, string entity, Prng random)
        {
            var w = new CodeWriter(path);
            w.Line($"namespace Corpus.{area};");
            w.Line();
            w.Line("using Corpus.Common;");
            w.Line();
            ServiceType(w, area, entity, random, minSnippets: 2, maxSnippets: 9);
            return w.ToFile(CorpusFileKind.Ordinary);
        }

        /// <summary>The service class over an entity: the core members every test relies on, and a few more.</summary>
        public static void ServiceType(CodeWriter w, string area, string entity, Prng random, int minSnippets, int maxSnippets)
        {
            var tokens = Tokens(area, entity);
            w.Line($"/// <summary>Keeps the {Words(entity)} items of one tenant in memory.</summary>");
            w.Open($"public sealed class {entity}Service");
            w.Line($"private readonly Dictionary<Guid, {entity}> _items = new();");
            w.Line("private readonly ILog _log;");
            w.Line("private readonly IClock _clock;");
            w.Line();
            w.Open($"public {entity}Service(ILog log, IClock clock)");
            w.Line("_log = log;");
            w.Line("_clock = clock;");
            w.Close();
            w.Line();
            w.Block(ServiceCore, tokens.Append(("%K%", random.Between(1, 9).ToString(CultureInfo.InvariantCulture))).ToArray());
            Snippets(w, ServiceSnippets, random.Between(minSnippets, maxSnippets), random, tokens);
            w.Close();
        }

        public static CorpusFile Utilities(string path, string area, string name, Prng random)
        {
            var w = new CodeWriter(path);
            var tokens = Tokens(area, name);
            w.Line($"namespace Corpus.{area};");
            w.Line();
            w.Line("/// <summary>Small helpers used across the area.</summary>");
            w.Open($"public static class {name}");
            Snippets(w, UtilitySnippets, random.Between(3, 8), random, tokens, first: true);
            w.Close();
            return w.ToFile(CorpusFileKind.Ordinary);
        }

        public static CorpusFile Tests(string path, string area, string entity, Prng random)
        {
            var w = new CodeWriter(path);
            var tokens = Tokens(area, entity);
            w.Line($"namespace Corpus.{area}.Tests;");
            w.Line();
            w.Line("using Corpus.Common;");
            w.Line($"using Corpus.{area};");
            w.Line("using Xunit;");
            w.Line();
            w.Open($"public class {entity}Tests");
            w.Line($"private static {entity} Create(string name = \"sample\", decimal amount = 10m) => new(Guid.NewGuid(), name, amount);");
            Snippets(w, TestSnippets, random.Between(2, 7), random, tokens);
            w.Close();
            return w.ToFile(CorpusFileKind.Tests);
        }

        private static void Snippets(CodeWriter w, string[] pool, int count, Prng random, (string, string)[] tokens, bool first = false)
        {
            // With repetition: a large class reuses shapes, as real code does; %N% keeps member names unique in the class.
            for (var i = 0; i < count; i++)
            {
                if (!first || i > 0)
                {
                    w.Line();
                }

                var snippet = pool[random.Next(pool.Length)];
                var number = (i + 1).ToString(CultureInfo.InvariantCulture);
                w.Block(snippet, tokens.Append(("%N%", number)).Append(("%K%", random.Between(1, 9).ToString(CultureInfo.InvariantCulture))).ToArray());
            }
        }

        private static (string, string)[] Tokens(string area, string entity) => new[]
        {
            ("%E%", entity),
            ("%L%", area.ToLowerInvariant()),
            ("%U%", area.ToUpperInvariant()),
            ("%A%", area),
        };

        private static string Words(string identifier)
        {
            var builder = new System.Text.StringBuilder();
            foreach (var c in identifier)
            {
                if (char.IsDigit(c))
                {
                    break;
                }

                if (char.IsUpper(c) && builder.Length > 0)
                {
                    builder.Append(' ');
                }

                builder.Append(char.ToLowerInvariant(c));
            }

            return builder.ToString();
        }
    }
}
