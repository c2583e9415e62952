"""Hand-written matters for the same-matter pair set (see README.md in this folder).

Each group holds two different matters (vụ việc) on the same topic and in the same village:
the hard case for grouping. Each matter is written three times, as three collaborators
would report it: a formal field report, a short social-style message, and a paraphrase
(a meeting remark or a second witness). No text was copied from anywhere.
"""

GROUPS = [
    # 1. two landslides on different roads of the same village
    ("ha_tang_moi_truong", "Thôn Nà Lầu", [
        ["Qua nắm bắt tại thôn Nà Lầu, đoạn đường từ cầu treo lên khu Cốc Phường bị sạt taluy dương khoảng 30 m, đất đá lấp kín mặt đường, xe máy không qua được.",
         "Đường lên Cốc Phường thôn Nà Lầu sạt mất rồi mn ơi, đất đá lấp hết, xe máy ko đi nổi",
         "Bà con thôn Nà Lầu báo đường từ cầu treo đi Cốc Phường bị lở núi, đất đá tràn kín lòng đường khoảng ba chục mét, đề nghị xã cho máy xúc."],
        ["Tại thôn Nà Lầu, đường xuống bãi ngô ven suối bị sụt nửa mặt đường phía taluy âm, vết nứt dài khoảng 15 m, có nguy cơ sụt tiếp nếu mưa to.",
         "Đường xuống bãi ngô ven suối ở Nà Lầu bị sụt một nửa, nứt dài lắm, mưa nữa chắc sụt luôn",
         "Người dân thôn Nà Lầu phản ánh mép đường đi bãi ngô sát suối đã sụt xuống suối, còn lại vết nứt chạy dọc chừng 15 mét, đi lại rất nguy hiểm."],
    ]),
    # 2. allowance late vs school fee in the same village
    ("an_sinh", "Thôn Đồng Tâm", [
        ["Qua nắm bắt tại thôn Đồng Tâm, 12 người cao tuổi trên 80 tuổi chưa nhận được trợ cấp xã hội tháng 9 và tháng 10, cán bộ thôn chưa giải thích lý do.",
         "Mấy cụ trên 80 ở Đồng Tâm 2 tháng nay chưa nhận tiền trợ cấp, hỏi thôn thì ko ai trả lời",
         "Tại buổi họp thôn Đồng Tâm, bà con hỏi vì sao tiền trợ cấp người cao tuổi tháng 9, tháng 10 đến giờ các cụ vẫn chưa được nhận."],
        ["Tại thôn Đồng Tâm, nhiều hộ cận nghèo phản ánh năm nay bị cắt hỗ trợ tiền điện mà không được thông báo, hóa đơn tháng 10 phải tự trả toàn bộ.",
         "Hộ cận nghèo Đồng Tâm bị cắt hỗ trợ tiền điện mà chả ai báo, tháng 10 phải trả đủ tiền điện",
         "Một số hộ cận nghèo thôn Đồng Tâm nói từ tháng 10 không còn được hỗ trợ tiền điện như trước, cũng không có thông báo gì của xã."],
    ]),
    # 3. two different fee complaints at the same school
    ("giao_duc", "Bản Khuổi", [
        ["Phụ huynh điểm trường tiểu học Bản Khuổi phản ánh đầu năm học nhà trường thu 350 nghìn đồng mỗi em tiền mua máy chiếu, không có họp thống nhất.",
         "Trường tiểu học Bản Khuổi thu mỗi đứa 350k mua máy chiếu, ko họp hành gì cả",
         "Nhiều phụ huynh Bản Khuổi bức xúc vì điểm trường bắt đóng 350.000 đồng một học sinh để mua máy chiếu mà không hề họp phụ huynh."],
        ["Phụ huynh điểm trường tiểu học Bản Khuổi phản ánh học sinh bán trú bị thu thêm 200 nghìn đồng tiền củi nấu ăn mỗi tháng ngoài tiền ăn đã đóng.",
         "Con đi bán trú ở Bản Khuổi mỗi tháng phải đóng thêm 200k tiền củi nấu cơm, ngoài tiền ăn",
         "Tại họp phụ huynh Bản Khuổi, có ý kiến hỏi khoản 200 nghìn tiền củi hằng tháng cho bếp bán trú thu theo quy định nào, trong khi đã đóng tiền ăn."],
    ]),
    # 4. two land-compensation matters in the same village
    ("dat_dai", "Thôn Khe Mát", [
        ["Qua nắm bắt tại thôn Khe Mát, 18 hộ có đất bị thu hồi làm tuyến đường tránh quốc lộ chưa nhận tiền bồi thường dù đã bàn giao mặt bằng từ tháng 5.",
         "18 hộ Khe Mát giao đất làm đường tránh từ tháng 5 mà giờ chưa thấy tiền đền bù đâu",
         "Bà con thôn Khe Mát có đất trong dự án đường tránh quốc lộ kêu đã giao mặt bằng gần nửa năm nhưng tiền bồi thường vẫn chưa được chi trả."],
        ["Tại thôn Khe Mát, các hộ có đất vườn đồi bị thu hồi làm bãi thải của dự án thủy điện phản ánh giá bồi thường cây keo quá thấp so với thực tế.",
         "Đền bù cây keo cho bãi thải thủy điện ở Khe Mát rẻ quá, chưa bằng nửa giá bán ngoài",
         "Người dân Khe Mát ý kiến đơn giá bồi thường keo trên đất đồi làm bãi thải thủy điện không sát giá thị trường, đề nghị xem xét lại."],
    ]),
    # 5. two thefts in the same village
    ("an_ninh_trat_tu", "Thôn Bãi Sậy", [
        ["Qua nắm bắt tại thôn Bãi Sậy, đêm 12/10 hộ ông Tòng bị mất trộm hai con trâu nhốt ở chuồng sát đường liên thôn, sáng ra mới phát hiện.",
         "Nhà ông Tòng Bãi Sậy đêm qua mất 2 con trâu ngay chuồng sát đường, ai thấy báo giúp",
         "Hộ ông Tòng ở Bãi Sậy trình báo bị kẻ gian dắt mất đôi trâu trong đêm 12/10 từ chuồng cạnh đường liên thôn."],
        ["Tại thôn Bãi Sậy, cửa hàng tạp hóa của bà Lan bị cạy cửa lấy mất tiền và thuốc lá vào rạng sáng, camera ghi được hai thanh niên đi xe máy.",
         "Tạp hóa bà Lan ở Bãi Sậy bị cạy cửa trộm tiền với thuốc lá, camera quay được 2 thằng đi xe máy",
         "Bà Lan thôn Bãi Sậy báo cửa hàng bị phá khóa đêm qua, mất tiền mặt và mấy cây thuốc lá, camera có hình hai người đi xe máy."],
    ]),
    # 6. two fake-news posts on the same topic area
    ("tin_sai_su_that", "Xã An Bình", [
        ["Trên nhóm Zalo của xã lan truyền tin thủy điện phía trên sắp xả lũ khẩn cấp lúc 2 giờ sáng, yêu cầu dân vùng thấp sơ tán ngay; thủy điện khẳng định không có lệnh xả.",
         "Tin trên zalo nói thủy điện xả lũ khẩn cấp 2h sáng, bảo dân sơ tán, ai kiểm tra giúp là thật ko",
         "Bà con hoang mang vì tin nhắn Zalo nói đêm nay thủy điện xả lũ gấp, phải sơ tán, trong khi nhà máy thủy điện cho biết không có lệnh xả nào."],
        ["Trên Facebook lan truyền bài nói xã An Bình sẽ thu hồi toàn bộ sổ đỏ cũ để cấp lại theo địa chỉ mới sau sáp nhập, mỗi sổ phải nộp 2 triệu đồng.",
         "Face đang share bài bảo phải nộp lại sổ đỏ cũ đổi theo địa chỉ mới, mất 2 triệu một sổ, có đúng ko",
         "Nhiều người hỏi về bài đăng Facebook nói sau sáp nhập phải đổi sổ đỏ sang địa chỉ mới và nộp 2 triệu đồng mỗi sổ, thực tế không có quy định này."],
    ]),
    # 7. two health matters at the same clinic
    ("y_te", "Thôn Nà Lầu", [
        ["Người dân thôn Nà Lầu phản ánh trạm y tế xã hết thuốc huyết áp cấp theo bảo hiểm y tế từ đầu tháng, người bệnh phải tự mua ngoài.",
         "Trạm y tế hết thuốc huyết áp BHYT cả tháng nay, mấy cụ ở Nà Lầu phải ra hiệu thuốc mua",
         "Các cụ thôn Nà Lầu nói cả tháng nay lên trạm y tế không có thuốc huyết áp theo thẻ bảo hiểm, đành mua ở quầy tư nhân."],
        ["Tại thôn Nà Lầu, 7 cháu nhỏ sốt cao, nổi ban trong tuần qua, phụ huynh lo ngại dịch sởi và đề nghị trạm y tế xuống kiểm tra.",
         "Nà Lầu tuần này 7 đứa nhỏ sốt cao nổi ban, sợ sởi lắm, trạm y tế xuống xem giúp",
         "Phụ huynh thôn Nà Lầu báo bảy trẻ em bị sốt, phát ban cùng một tuần, nghi là sởi, xin y tế xã về kiểm tra."],
    ]),
    # 8. two administrative complaints at the same desk
    ("hanh_chinh", "Xã An Bình", [
        ["Người dân phản ánh bộ phận một cửa xã An Bình trả hồ sơ chứng thực chậm 5 ngày so với giấy hẹn, không có thông báo lý do.",
         "Nộp hồ sơ chứng thực ở một cửa xã An Bình hẹn 2 ngày mà 1 tuần chưa có, chả ai báo",
         "Bà con kêu hồ sơ chứng thực nộp ở bộ phận một cửa của xã bị trễ hẹn gần một tuần mà cán bộ không giải thích."],
        ["Người dân phản ánh từ khi sáp nhập, căn cước của nhiều người vẫn ghi địa chỉ xã cũ, khi làm thủ tục đất đai ở một cửa xã An Bình bị yêu cầu xác nhận cư trú.",
         "Căn cước còn ghi xã cũ, ra một cửa xã An Bình làm sổ đỏ bị bắt đi xin giấy xác nhận cư trú, phiền quá",
         "Nhiều người dân hỏi vì sao làm thủ tục đất ở một cửa lại phải có xác nhận cư trú chỉ vì thẻ căn cước còn địa chỉ của xã trước sáp nhập."],
    ]),
    # 9. two pollution matters in the same village
    ("ha_tang_moi_truong", "Thôn Đông", [
        ["Qua nắm bắt tại thôn Đông, trại lợn của hộ ông Hải xả nước thải chưa xử lý ra mương tưới, mùi hôi lan khắp xóm, nhiều hộ bức xúc.",
         "Trại lợn nhà ông Hải thôn Đông xả thẳng nước thải ra mương, thối không chịu nổi",
         "Bà con thôn Đông phản ánh nước thải trại lợn ông Hải chảy thẳng xuống mương thủy lợi, mùi hôi thối ảnh hưởng cả xóm."],
        ["Tại thôn Đông, bãi rác tập trung cạnh nghĩa trang bị đốt lộ thiên mỗi tối, khói bay vào khu dân cư, trẻ nhỏ bị ho.",
         "Bãi rác cạnh nghĩa trang thôn Đông tối nào cũng đốt, khói bay vào nhà, bọn trẻ ho suốt",
         "Người dân thôn Đông đề nghị chấm dứt việc đốt rác ngoài trời ở bãi rác gần nghĩa trang vì khói tràn vào nhà dân hằng đêm."],
    ]),
    # 10. two corruption matters in the same village
    ("tham_nhung", "Thôn Khe Mát", [
        ["Người dân thôn Khe Mát phản ánh công trình nhà văn hóa thôn mới xây xong 6 tháng đã nứt tường, nghi nhà thầu rút ruột vật liệu.",
         "Nhà văn hóa Khe Mát mới xây nửa năm đã nứt toác, chắc bị rút ruột xi măng",
         "Tại họp thôn Khe Mát có ý kiến nhà văn hóa mới hoàn thành được sáu tháng mà tường đã nứt nhiều chỗ, đề nghị kiểm tra chất lượng thi công."],
        ["Người dân thôn Khe Mát phản ánh trưởng thôn thu mỗi hộ 500 nghìn đồng để được xét vào danh sách hỗ trợ xóa nhà tạm.",
         "Trưởng thôn Khe Mát thu mỗi nhà 500k mới cho vào danh sách xóa nhà tạm, vậy mà cũng được à",
         "Có hộ ở Khe Mát nói phải đưa trưởng thôn 500 nghìn thì mới được đưa vào danh sách hỗ trợ xóa nhà tạm."],
    ]),
    # 11. two farming matters
    ("kinh_te", "Bản Khuổi", [
        ["Qua nắm bắt tại Bản Khuổi, dịch tả lợn châu Phi xuất hiện ở 4 hộ, đã có 20 con lợn chết, bà con lo lây lan ra cả bản.",
         "Bản Khuổi có tả lợn châu Phi rồi, 4 nhà chết 20 con lợn, sợ lan hết bản",
         "Người dân Bản Khuổi báo bốn hộ có lợn chết hàng loạt, khoảng hai chục con, nghi dịch tả lợn châu Phi."],
        ["Tại Bản Khuổi, giá thảo quả năm nay giảm còn một nửa, thương lái ép giá, nhiều hộ vay vốn trồng thảo quả lo không trả được nợ ngân hàng.",
         "Thảo quả Bản Khuổi năm nay rớt giá một nửa, lái buôn ép giá, vay ngân hàng giờ lấy gì trả",
         "Bà con Bản Khuổi kêu thảo quả mất giá, chỉ bán được bằng nửa năm ngoái, nhiều nhà vay vốn chính sách để trồng giờ lo nợ."],
    ]),
    # 12. two religion / ethnic matters
    ("dan_toc_ton_giao", "Bản Nà Lạn", [
        ["Qua nắm bắt tại bản Nà Lạn, có nhóm người lạ đến nhà dân truyền đạo “Thiên Ân”, vận động bỏ thờ cúng tổ tiên, hẹn tối thứ bảy tụ tập cầu nguyện.",
         "Ở Nà Lạn có mấy người lạ đi từng nhà rủ theo đạo Thiên Ân, bảo bỏ bàn thờ tổ tiên",
         "Trưởng bản Nà Lạn báo có nhóm người ngoài đến vận động bà con theo Thiên Ân, bỏ thờ cúng, tối thứ bảy tập trung cầu nguyện."],
        ["Người dân bản Nà Lạn phản ánh chính sách hỗ trợ nước sinh hoạt phân tán cho hộ dân tộc thiểu số năm 2025 đến nay chưa được triển khai.",
         "Hỗ trợ nước sinh hoạt cho hộ đồng bào ở Nà Lạn năm nay chưa thấy đâu",
         "Tại họp bản Nà Lạn, bà con hỏi tiền hỗ trợ bể nước, téc nước cho hộ đồng bào dân tộc thiểu số năm 2025 bao giờ mới có."],
    ]),
    # 13. two water matters in the same village
    ("ha_tang_moi_truong", "Thôn Đồng Tâm", [
        ["Qua nắm bắt tại thôn Đồng Tâm, công trình nước sạch tập trung mất nước đã 10 ngày do vỡ ống dẫn đầu nguồn, khoảng 60 hộ phải đi gánh nước suối.",
         "Đồng Tâm mất nước sạch 10 ngày rồi, vỡ ống đầu nguồn, 60 nhà phải gánh nước suối",
         "Bà con thôn Đồng Tâm kêu nước máy tự chảy bị cắt gần hai tuần vì ống đầu nguồn bị vỡ, cả xóm phải xuống suối lấy nước."],
        ["Tại thôn Đồng Tâm, kênh mương nội đồng bị bồi lấp, nước không về được khoảng 5 ha lúa đông xuân, bà con đề nghị nạo vét trước vụ.",
         "Mương nội đồng Đồng Tâm bị lấp hết, 5 ha lúa ko có nước, xã cho nạo vét trước vụ với",
         "Người dân Đồng Tâm đề nghị xã nạo vét kênh tưới bị bồi lấp, nếu không khoảng năm héc-ta lúa vụ đông xuân không có nước."],
    ]),
    # 14. two traffic matters
    ("an_ninh_trat_tu", "Thôn Đông", [
        ["Qua nắm bắt tại thôn Đông, nhóm thanh niên thường tụ tập đua xe máy trên đường tỉnh đoạn qua cổng trường vào tối thứ bảy, gây mất an toàn.",
         "Tối thứ 7 nào cũng có đám thanh niên đua xe đoạn cổng trường thôn Đông, sợ lắm",
         "Bà con thôn Đông đề nghị công an xã dẹp nhóm thanh niên rú ga, đua xe ở đoạn đường tỉnh trước cổng trường mỗi tối cuối tuần."],
        ["Tại thôn Đông, xe tải chở cát từ bãi ven sông chạy quá tải, rơi vãi cát xuống đường, đã có hai vụ ngã xe máy trong tuần.",
         "Xe cát bãi sông ở thôn Đông chở quá tải, rơi cát đầy đường, tuần này 2 vụ ngã xe rồi",
         "Người dân thôn Đông phản ánh xe chở cát quá tải làm vương vãi cát trên đường, khiến hai người đi xe máy bị ngã."],
    ]),
    # 15. two meritorious-service / insurance matters
    ("an_sinh", "Bản Khuổi", [
        ["Gia đình ông Lò Văn Páo, thương binh ở Bản Khuổi, phản ánh hồ sơ điều chỉnh trợ cấp nộp từ tháng 3 đến nay chưa có kết quả.",
         "Hồ sơ điều chỉnh trợ cấp thương binh của ông Páo Bản Khuổi nộp từ tháng 3 vẫn chưa xong",
         "Ông Páo, thương binh ở Bản Khuổi, hỏi hồ sơ đề nghị điều chỉnh chế độ trợ cấp nộp lên xã từ tháng ba sao chưa được giải quyết."],
        ["Tại Bản Khuổi, nhiều hộ phản ánh chưa nhận được tiền hỗ trợ khắc phục thiệt hại sau cơn bão số 3, trong khi các bản bên cạnh đã nhận.",
         "Tiền hỗ trợ bão số 3 bản bên nhận hết rồi, Bản Khuổi vẫn chưa có đồng nào",
         "Bà con Bản Khuổi thắc mắc các bản lân cận đã được nhận tiền hỗ trợ thiệt hại do bão số 3 mà bản mình vẫn chưa."],
    ]),
    # 16. two school safety matters
    ("giao_duc", "Thôn Bãi Sậy", [
        ["Phụ huynh thôn Bãi Sậy phản ánh học sinh phải lội qua suối Nậm Khao để đến trường vì cầu tạm bị lũ cuốn trôi, rất nguy hiểm khi nước lên.",
         "Cầu tạm suối Nậm Khao trôi rồi, bọn trẻ Bãi Sậy phải lội suối đi học, nước lên thì sao",
         "Tại họp thôn Bãi Sậy, phụ huynh đề nghị làm lại cầu tạm qua suối Nậm Khao bị lũ cuốn, con em đang phải lội suối đến lớp."],
        ["Phụ huynh thôn Bãi Sậy phản ánh bếp ăn bán trú của trường không đảm bảo vệ sinh, tuần trước có 9 học sinh đau bụng sau bữa trưa.",
         "Bếp bán trú trường ở Bãi Sậy bẩn lắm, tuần trước 9 đứa đau bụng sau bữa trưa",
         "Phụ huynh Bãi Sậy lo lắng về vệ sinh bếp ăn bán trú sau khi chín cháu bị đau bụng sau bữa ăn trưa tại trường."],
    ]),
    # 17. two culture matters
    ("van_hoa_xa_hoi", "Thôn Nà Lầu", [
        ["Qua nắm bắt tại thôn Nà Lầu, một gia đình tổ chức đám cưới cho con gái 15 tuổi vào cuối tháng, cán bộ thôn đã vận động nhưng gia đình chưa đồng ý hoãn.",
         "Nhà kia ở Nà Lầu sắp gả con gái mới 15 tuổi, thôn nói mãi ko nghe",
         "Trưởng thôn Nà Lầu báo có hộ chuẩn bị cưới vợ cho con gái mới mười lăm tuổi cuối tháng này, vận động mấy lần chưa được."],
        ["Tại thôn Nà Lầu, bà con đề nghị xã hỗ trợ kinh phí tổ chức lễ hội Lồng tồng đầu năm, năm nay thôn chưa có nguồn mua trang phục và đạo cụ.",
         "Lễ hội Lồng tồng năm nay ở Nà Lầu chưa có tiền sắm trang phục, xã hỗ trợ với",
         "Người dân Nà Lầu mong xã hỗ trợ kinh phí cho lễ hội xuống đồng Lồng tồng năm tới vì thôn thiếu tiền may trang phục."],
    ]),
    # 18. two power matters
    ("ha_tang_moi_truong", "Bản Khuổi", [
        ["Qua nắm bắt tại Bản Khuổi, cột điện hạ thế gần nhà văn hóa bị nghiêng sau mưa lớn, dây điện võng thấp sát đầu người đi qua.",
         "Cột điện gần nhà văn hóa Bản Khuổi nghiêng sau trận mưa, dây võng sát đầu, nguy hiểm quá",
         "Bà con Bản Khuổi báo cột điện cạnh nhà văn hóa bị đổ nghiêng, dây điện trĩu xuống thấp, đi qua rất sợ bị điện giật."],
        ["Tại Bản Khuổi, điện yếu kéo dài vào buổi tối, bóng đèn chỉ đỏ dây tóc, quạt không quay được, bà con đề nghị ngành điện nâng cấp trạm biến áp.",
         "Tối nào Bản Khuổi điện cũng yếu, đèn đỏ quạch, quạt ko quay, điện lực nâng trạm biến áp đi",
         "Người dân Bản Khuổi phản ánh điện chập chờn, yếu mỗi tối đến mức quạt không chạy, đề nghị nâng công suất trạm biến áp."],
    ]),
    # 19. two online scams
    ("an_ninh_trat_tu", "Thôn Đồng Tâm", [
        ["Người dân thôn Đồng Tâm phản ánh có người gọi điện tự xưng công an huyện, yêu cầu cài ứng dụng định danh điện tử giả, một hộ đã bị mất 40 triệu đồng.",
         "Ở Đồng Tâm có nhà bị gọi giả công an bắt cài app định danh, mất 40 triệu rồi, mn cảnh giác",
         "Một hộ thôn Đồng Tâm bị kẻ gian giả danh công an gọi điện hướng dẫn cài ứng dụng định danh giả và lấy mất bốn mươi triệu trong tài khoản."],
        ["Tại thôn Đồng Tâm, nhiều người được mời tham gia nhóm làm nhiệm vụ thả tim video TikTok nhận hoa hồng, một chị đã chuyển 25 triệu đồng không lấy lại được.",
         "Chị ở Đồng Tâm tham gia làm nhiệm vụ thả tim tiktok nhận hoa hồng, chuyển 25tr mất luôn",
         "Phụ nữ thôn Đồng Tâm bị lừa qua nhóm làm nhiệm vụ like video TikTok, nạp tiền 25 triệu rồi không rút được."],
    ]),
    # 20. two price / market matters
    ("kinh_te", "Thôn Khe Mát", [
        ["Qua nắm bắt tại thôn Khe Mát, giá phân đạm tăng 30% so với vụ trước, đại lý bán chịu thì tính lãi cao, nhiều hộ giảm lượng bón.",
         "Phân đạm ở Khe Mát lên giá 30% rồi, mua chịu đại lý thì lãi cắt cổ",
         "Bà con Khe Mát kêu phân đạm đắt hơn vụ trước gần một phần ba, mua nợ đại lý thì bị tính lãi nặng."],
        ["Tại thôn Khe Mát, công ty thu mua chè búp tươi chậm thanh toán 2 tháng, khoảng 40 hộ trồng chè chưa nhận được tiền.",
         "Công ty chè nợ tiền búp chè 2 tháng chưa trả, 40 nhà ở Khe Mát đang chờ",
         "Khoảng bốn chục hộ trồng chè thôn Khe Mát phản ánh công ty thu mua chè búp tươi đã nợ tiền hai tháng nay."],
    ]),
]
